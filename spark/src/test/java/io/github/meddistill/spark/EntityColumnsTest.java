package io.github.meddistill.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meddistill.core.Assertion;
import io.github.meddistill.core.Assertion.Experiencer;
import io.github.meddistill.core.Assertion.Flag;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.LinkedConcept;
import io.github.meddistill.core.LinkedConcept.LinkMethod;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** {@link EntityColumns} through a real {@code local[2,2]} DataFrame: assertion fields and concept codes survive. */
class EntityColumnsTest {

    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("entities", EntityColumns.ENTITIES, true);

    private static List<Row> roundTrip(List<Entity> entities) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(LocalSpark.session().sparkContext());
        Row row = RowFactory.create("n1", EntityColumns.toColumn(entities));
        Dataset<Row> frame = LocalSpark.session().createDataFrame(context.parallelize(List.of(row), 2), SCHEMA);
        return frame.repartition(2).collectAsList();
    }

    @Test
    void should_carry_assertion_and_concepts_when_an_entity_has_them() {
        // given "denies chest pain; mother had breast cancer" with assertions and one linked concept
        String text = "denies chest pain; mother had breast cancer";
        Entity pain = Entity.of(text, 7, 17, EntityType.of("SIGN_SYMPTOM"))
                .withAssertion(new Assertion(Flag.YES, Flag.NO, Flag.NO, Flag.NO, Experiencer.PATIENT));
        Entity cancer = Entity.of(text, 30, 43, EntityType.of("DISEASE"))
                .withAssertion(new Assertion(Flag.NO, Flag.NO, Flag.NO, Flag.UNKNOWN, Experiencer.FAMILY))
                .withConcepts(List.of(new LinkedConcept("DOID:1612", "breast cancer", "doid", 1.0, LinkMethod.EXACT,
                        List.of("MESH:D001943", "UMLS_CUI:C0006142"), List.of("OMIM:114480"))));

        // when
        List<Row> rows = roundTrip(List.of(pain, cancer));

        // then
        List<Entity> back = EntityColumns.fromColumn(rows.get(0), "entities");
        assertThat(back).containsExactly(pain, cancer);
        assertThat(back.get(0).assertion()).isEqualTo(pain.assertion());
        assertThat(back.get(0).concepts()).isEmpty();
        assertThat(back.get(1).assertion()).isEqualTo(cancer.assertion());
        assertThat(back.get(1).concepts()).isEqualTo(cancer.concepts());
        // and a decided flag is a boolean, an undecided one null, queryable in SQL
        Row cancerRow = rows.get(0).<Row>getList(1).get(1);
        assertThat(cancerRow.getBoolean(cancerRow.fieldIndex("negated"))).isFalse();
        assertThat(cancerRow.isNullAt(cancerRow.fieldIndex("historical"))).isTrue();
        assertThat(cancerRow.getString(cancerRow.fieldIndex("experiencer"))).isEqualTo("FAMILY");
    }

    @Test
    void should_leave_every_context_field_null_and_concepts_empty_when_no_context_step_ran() {
        // given a plain span
        Entity plain = Entity.of("fever", 0, 5, EntityType.of("SIGN_SYMPTOM"));

        // when
        List<Row> rows = roundTrip(List.of(plain));

        // then
        Row entity = rows.get(0).<Row>getList(1).get(0);
        for (String field : List.of("negated", "uncertain", "hypothetical", "historical", "experiencer")) {
            assertThat(entity.isNullAt(entity.fieldIndex(field))).as(field).isTrue();
        }
        assertThat(entity.getList(entity.fieldIndex("concepts"))).isEmpty();
        assertThat(EntityColumns.fromColumn(rows.get(0), "entities").get(0).assertion()).isEqualTo(Assertion.UNKNOWN);
    }
}
