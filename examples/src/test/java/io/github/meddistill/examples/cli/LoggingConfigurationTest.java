package io.github.meddistill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line's log levels (simplelogger.properties): DJL's CUDA probes are quiet on a CPU machine, their errors
 * are not. Tests run at WARN (see the parent POM), the command line at slf4j-simple's default INFO.
 */
class LoggingConfigurationTest {

    @Test
    void should_quiet_djl_cuda_probe_warnings_and_start_up_notes_when_logging_at_the_default_level() {
        Logger cuda = LoggerFactory.getLogger("ai.djl.util.cuda.CudaUtils");
        Logger onnxRuntime = LoggerFactory.getLogger("ai.djl.onnxruntime.engine.OrtEngine");
        Logger pytorch = LoggerFactory.getLogger("ai.djl.pytorch.engine.PtEngine");

        assertThat(cuda.isWarnEnabled()).isFalse();
        assertThat(onnxRuntime.isWarnEnabled()).isFalse();
        assertThat(cuda.isErrorEnabled()).isTrue();
        assertThat(onnxRuntime.isErrorEnabled()).isTrue();
        assertThat(pytorch.isWarnEnabled()).isTrue();
    }
}
