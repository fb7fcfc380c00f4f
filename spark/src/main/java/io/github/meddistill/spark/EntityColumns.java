package io.github.meddistill.spark;

import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark type of an entities column and its conversion to and from {@link Entity}: an array of
 * {@code struct<start: int, end: int, type: string, text: string, score: double>}. {@code start} and {@code end}
 * are offsets in UTF-16 code units, as Java's {@code String.substring(start, end)} takes them ({@code text} is that
 * substring); {@code score} is the model's confidence where the student reports one and null otherwise (no
 * MedDistill student reports one yet, so it is null today). Stateless and thread-safe.
 */
public final class EntityColumns {

    /** One entity. */
    public static final StructType ENTITY = new StructType()
            .add("start", DataTypes.IntegerType, false)
            .add("end", DataTypes.IntegerType, false)
            .add("type", DataTypes.StringType, false)
            .add("text", DataTypes.StringType, false)
            .add("score", DataTypes.DoubleType, true);

    /** A column of entities: the array never holds nulls; the column is null for a note that failed. */
    public static final ArrayType ENTITIES = DataTypes.createArrayType(ENTITY, false);

    private EntityColumns() {
    }

    /** The column value for {@code entities}, in their order. */
    public static Row[] toColumn(List<Entity> entities) {
        Row[] rows = new Row[entities.size()];
        for (int i = 0; i < rows.length; i++) {
            Entity e = entities.get(i);
            rows[i] = RowFactory.create(e.start(), e.end(), e.type().name(), e.text(), null);
        }
        return rows;
    }

    /**
     * The entities in column {@code column} of {@code row}, or null where the column is null (the note failed: see
     * its error column).
     *
     * @throws IllegalArgumentException if the row has no such column
     */
    public static List<Entity> fromColumn(Row row, String column) {
        int index = row.fieldIndex(column);
        if (row.isNullAt(index)) {
            return null;
        }
        List<Row> rows = row.getList(index);
        List<Entity> entities = new ArrayList<>(rows.size());
        for (Row r : rows) {
            entities.add(new Entity(r.getInt(0), r.getInt(1), EntityType.of(r.getString(2)), r.getString(3)));
        }
        return List.copyOf(entities);
    }
}
