package io.github.meddistill.ontology;

import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.Teacher;
import io.github.meddistill.core.contract.TeacherContractTest;

/** {@link OntologyTeacher} keeps the {@link Teacher} contract. */
class OntologyTeacherContractTest extends TeacherContractTest {

    private static final OntologyTeacher TEACHER = OntologyTeacher.builder("contract-ontology")
            .addMatcher(DictionaryMatcher.builder()
                    .addTerm(new Term("type 2 diabetes mellitus", "DOID:9352", "type 2 diabetes mellitus",
                            EntityType.DISEASE, "DOID"))
                    .addTerm(new Term("cystic fibrosis", "DOID:1485", "cystic fibrosis", EntityType.DISEASE, "DOID"))
                    .addTerm(new Term("Wiskott-Aldrich syndrome", "DOID:9169", "Wiskott-Aldrich syndrome",
                            EntityType.DISEASE, "DOID"))
                    .addTerm(new Term("chest pain", "HP:0100749", "Chest pain", EntityType.SYMPTOM, "HP"))
                    .build())
            .addMatcher(DictionaryMatcher.builder()
                    .addTerm(new Term("metformin", "6809", "metformin", EntityType.MEDICATION, "RXNORM"))
                    .addTerm(new Term("lisinopril", "29046", "lisinopril", EntityType.MEDICATION, "RXNORM"))
                    .addTerm(new Term("aspirin", "1191", "aspirin", EntityType.MEDICATION, "RXNORM"))
                    .build())
            .build();

    @Override
    protected Teacher teacher() {
        return TEACHER;
    }
}
