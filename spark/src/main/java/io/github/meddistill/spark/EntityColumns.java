package io.github.meddistill.spark;

import io.github.meddistill.core.Assertion;
import io.github.meddistill.core.Assertion.Experiencer;
import io.github.meddistill.core.Assertion.Flag;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.LinkedConcept;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark type of an entities column and its conversion to and from {@link Entity}: an array of
 * {@code struct<start: int, end: int, type: string, text: string, score: double, negated: boolean,
 * uncertain: boolean, hypothetical: boolean, historical: boolean, experiencer: string, concepts: array<concept>>}.
 * {@code start} and {@code end} are offsets in UTF-16 code units, as Java's {@code String.substring(start, end)} takes
 * them ({@code text} is that substring); {@code score} is the model's confidence where the student reports one and
 * null otherwise (no MedDistill student reports one yet, so it is null today).
 *
 * <p>The clinical context of {@link Entity}: each assertion flag is true, false, or null where it is
 * {@link Flag#UNKNOWN} (no assertion step ran, or it could not decide); {@code experiencer} is {@code PATIENT},
 * {@code FAMILY}, {@code OTHER} or null for {@link Experiencer#UNKNOWN}; {@code concepts} holds the linked concepts
 * best first ({@link #CONCEPT}) and is empty when nothing was linked. Stateless and thread-safe.
 */
public final class EntityColumns {

    /**
     * One linked concept ({@link LinkedConcept}): {@code struct<id: string, name: string, source: string,
     * score: double, method: string, xrefs: array<string>, broaderXrefs: array<string>>}, {@code method} one of
     * {@link LinkedConcept.LinkMethod}.
     */
    public static final StructType CONCEPT = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("name", DataTypes.StringType, false)
            .add("source", DataTypes.StringType, false)
            .add("score", DataTypes.DoubleType, false)
            .add("method", DataTypes.StringType, false)
            .add("xrefs", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("broaderXrefs", DataTypes.createArrayType(DataTypes.StringType, false), false);

    /** One entity. */
    public static final StructType ENTITY = new StructType()
            .add("start", DataTypes.IntegerType, false)
            .add("end", DataTypes.IntegerType, false)
            .add("type", DataTypes.StringType, false)
            .add("text", DataTypes.StringType, false)
            .add("score", DataTypes.DoubleType, true)
            .add("negated", DataTypes.BooleanType, true)
            .add("uncertain", DataTypes.BooleanType, true)
            .add("hypothetical", DataTypes.BooleanType, true)
            .add("historical", DataTypes.BooleanType, true)
            .add("experiencer", DataTypes.StringType, true)
            .add("concepts", DataTypes.createArrayType(CONCEPT, false), false);

    /** A column of entities: the array never holds nulls; the column is null for a note that failed. */
    public static final ArrayType ENTITIES = DataTypes.createArrayType(ENTITY, false);

    private EntityColumns() {
    }

    /** The column value for {@code entities}, in their order. */
    public static Row[] toColumn(List<Entity> entities) {
        Row[] rows = new Row[entities.size()];
        for (int i = 0; i < rows.length; i++) {
            Entity e = entities.get(i);
            Assertion a = e.assertion();
            rows[i] = RowFactory.create(e.start(), e.end(), e.type().name(), e.text(), null, flagValue(a.negated()),
                    flagValue(a.uncertain()), flagValue(a.hypothetical()), flagValue(a.historical()),
                    a.experiencer() == Experiencer.UNKNOWN ? null : a.experiencer().name(), concepts(e.concepts()));
        }
        return rows;
    }

    private static Boolean flagValue(Flag flag) {
        return flag == Flag.UNKNOWN ? null : flag.isYes();
    }

    private static Flag flag(Row row, int index) {
        return row.isNullAt(index) ? Flag.UNKNOWN : Flag.of(row.getBoolean(index));
    }

    private static Row[] concepts(List<LinkedConcept> concepts) {
        Row[] rows = new Row[concepts.size()];
        for (int i = 0; i < rows.length; i++) {
            LinkedConcept c = concepts.get(i);
            rows[i] = RowFactory.create(c.conceptId(), c.preferredName(), c.source(), c.score(), c.method().name(),
                    c.xrefs().toArray(new String[0]), c.broaderXrefs().toArray(new String[0]));
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
            Assertion assertion = new Assertion(flag(r, 5), flag(r, 6), flag(r, 7), flag(r, 8),
                    r.isNullAt(9) ? Experiencer.UNKNOWN : Experiencer.valueOf(r.getString(9)));
            List<LinkedConcept> concepts = new ArrayList<>();
            for (Row c : r.<Row>getList(10)) {
                concepts.add(new LinkedConcept(c.getString(0), c.getString(1), c.getString(2), c.getDouble(3),
                        LinkedConcept.LinkMethod.valueOf(c.getString(4)), c.<String>getList(5), c.<String>getList(6)));
            }
            entities.add(new Entity(r.getInt(0), r.getInt(1), EntityType.of(r.getString(2)), r.getString(3),
                    assertion, concepts));
        }
        return List.copyOf(entities);
    }
}
