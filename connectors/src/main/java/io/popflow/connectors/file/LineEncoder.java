package io.popflow.connectors.file;

import java.io.Serializable;

/** Renders one record as one line of text (without the line break). */
@FunctionalInterface
public interface LineEncoder<T> extends Serializable {
    String encode(T record);
}
