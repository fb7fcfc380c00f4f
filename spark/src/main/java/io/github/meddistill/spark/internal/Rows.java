package io.github.meddistill.spark.internal;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Row helpers of the partition functions. */
final class Rows {

    private Rows() {
    }

    /** {@code row}'s values followed by {@code added}. */
    static Row extend(Row row, Object... added) {
        int n = row.length();
        Object[] values = new Object[n + added.length];
        for (int i = 0; i < n; i++) {
            values[i] = row.get(i);
        }
        System.arraycopy(added, 0, values, n, added.length);
        return RowFactory.create(values);
    }

    /** The string at {@code index}, or null. */
    static String stringOrNull(Row row, int index) {
        return row.isNullAt(index) ? null : row.getString(index);
    }
}
