package pool.protocol;

/**
 * A value that stands for a JDBC object the client makes of it: an {@code Array}
 * ({@link SqlArray}), an {@code SQLXML} ({@link XmlValue}) or a driver's own type
 * ({@link VendorObject}). Its {@code toString()} is the value's text, what {@code getString}
 * answers.
 */
public sealed interface ObjectValue permits SqlArray, VendorObject, XmlValue {

    /** @return the value's text */
    String text();
}
