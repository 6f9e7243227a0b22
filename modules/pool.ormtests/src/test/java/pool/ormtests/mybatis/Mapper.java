package pool.ormtests.mybatis;

import java.util.List;
import java.util.Map;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.InsertProvider;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Result;
import org.apache.ibatis.annotations.Results;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.SelectProvider;
import org.apache.ibatis.cursor.Cursor;
import org.apache.ibatis.session.RowBounds;
import org.apache.ibatis.type.ArrayTypeHandler;
import org.apache.ibatis.type.BlobTypeHandler;
import org.apache.ibatis.type.ClobTypeHandler;
import org.apache.ibatis.type.JdbcType;

/** The statements of the MyBatis scenario, as annotations. */
public interface Mapper {

    /** SQL of one moment column: the property's column by MyBatis' underscore mapping. */
    final class MomentSql {
        public static String insert(Map<String, Object> p) {
            String prop = (String) p.get("prop");
            return "insert into mb_moment(id, " + column(prop) + ") values (#{m.id}, #{m." + prop + "})";
        }

        public static String countUpTo(Map<String, Object> p) {
            String prop = (String) p.get("prop");
            return "select count(*) from mb_moment where " + column(prop) + " <= #{m." + prop + "}";
        }

        public static String column(String prop) {
            return prop.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
        }
    }

    @InsertProvider(type = MomentSql.class, method = "insert")
    void insertMoment(@Param("prop") String prop, @Param("m") MbMoment m);

    /** Only the column under test: pgjdbc refuses some conversions (ZonedDateTime) even of a null. */
    @Select("select id, ${column} from mb_moment order by id")
    List<MbMoment> moments(@Param("column") String column);

    @SelectProvider(type = MomentSql.class, method = "countUpTo")
    long countUpTo(@Param("prop") String prop, @Param("m") MbMoment m);

    @Insert("insert into mb_item(id, name, n) values (#{id}, #{name}, #{n})")
    int insertItem(MbItem item);

    @Insert("insert into mb_order(id, item_id, qty) values (#{id}, #{item}, #{qty})")
    int insertOrder(@Param("id") long id, @Param("item") long item, @Param("qty") int qty);

    @Select("select count(*) as rows_, sum(n) as total, min(name) as first_name, max(name) as last_name from mb_item")
    Map<String, Object> itemSummary();

    @Select("select i.name, o.id as order_id, o.qty from mb_item i join mb_order o on o.item_id = i.id"
            + " order by i.name, o.id")
    List<Map<String, Object>> itemsWithOrders();

    @Select("select id, name, n from mb_item order by n desc, id")
    List<MbItem> itemsByN(RowBounds bounds);

    @Select("select id, name, n from mb_item order by n desc, id limit #{limit} offset #{offset}")
    List<MbItem> itemsPage(@Param("limit") int limit, @Param("offset") int offset);

    @Select("select id, name, n from mb_item order by id")
    @Options(fetchSize = 500)
    Cursor<MbItem> cursor();

    /** MariaDB: CLOB and BLOB handlers (setCharacterStream/getClob, setBinaryStream/getBlob). */
    @Insert("insert into mb_document(id, text_value, bytes_value) values (#{id},"
            + " #{textValue,jdbcType=CLOB,typeHandler=org.apache.ibatis.type.ClobTypeHandler},"
            + " #{bytesValue,jdbcType=BLOB,typeHandler=org.apache.ibatis.type.BlobTypeHandler})")
    void insertLobDocument(MbDocument d);

    @Select("select id, text_value, bytes_value from mb_document order by id")
    @Results({
        @Result(column = "id", property = "id", id = true),
        @Result(column = "text_value", property = "textValue", jdbcType = JdbcType.CLOB, typeHandler = ClobTypeHandler.class),
        @Result(column = "bytes_value", property = "bytesValue", jdbcType = JdbcType.BLOB, typeHandler = BlobTypeHandler.class)
    })
    List<MbDocument> lobDocuments();

    /** PostgreSQL: text and bytea with the default handlers (setString/getString, setBytes/getBytes). */
    @Insert("insert into mb_document(id, text_value, bytes_value) values (#{id}, #{textValue}, #{bytesValue})")
    void insertDocument(MbDocument d);

    @Select("select id, text_value, bytes_value from mb_document order by id")
    List<MbDocument> documents();

    @Insert("insert into mb_tagged(id, numbers, labels) values (#{id},"
            + " #{numbers,typeHandler=org.apache.ibatis.type.ArrayTypeHandler},"
            + " #{labels,typeHandler=org.apache.ibatis.type.ArrayTypeHandler})")
    void insertTagged(MbTagged t);

    @Select("select id, numbers, labels from mb_tagged order by id")
    @Results({
        @Result(column = "id", property = "id", id = true),
        @Result(column = "numbers", property = "numbers", typeHandler = ArrayTypeHandler.class),
        @Result(column = "labels", property = "labels", typeHandler = ArrayTypeHandler.class)
    })
    List<MbTagged> tagged();

    @Select("${sql}")
    List<Map<String, Object>> nativeQuery(@Param("sql") String sql);
}
