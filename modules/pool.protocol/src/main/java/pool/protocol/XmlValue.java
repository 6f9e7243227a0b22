package pool.protocol;

import java.util.Objects;

/** An {@code SQLXML} value, both ways, as its text. */
public record XmlValue(String text) implements ObjectValue {
    public XmlValue {
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return text;
    }
}
