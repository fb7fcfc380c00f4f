package io.github.meddistill.examples.teachers;

import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.Teacher;
import io.github.meddistill.core.contract.TeacherContractTest;
import java.util.Set;

/** The custom rule teacher keeps the contract of every teacher. */
class ClinicalPatternTeacherContractTest extends TeacherContractTest {

    @Override
    protected Teacher teacher() {
        return new ClinicalPatternTeacher("patterns", Set.of(EntityType.MEDICATION, EntityType.DISEASE));
    }
}
