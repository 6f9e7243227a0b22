package pool.ormtests.mybatis;

/** A row of {@code mb_tagged} (PostgreSQL only): SQL arrays through MyBatis' ArrayTypeHandler. */
public class MbTagged {
    public Long id;
    public Integer[] numbers;
    public String[] labels;
}
