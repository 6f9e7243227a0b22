package pool.ormtests.mybatis;

/** A row of {@code mb_item}: unique names, the rows of the batch, paging and cursor steps. */
public class MbItem {
    public Long id;
    public String name;
    public Integer n;

    public MbItem() {
    }

    MbItem(long id, String name, int n) {
        this.id = id;
        this.name = name;
        this.n = n;
    }
}
