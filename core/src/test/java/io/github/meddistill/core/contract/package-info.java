/**
 * Contract tests for the core interfaces, published in the {@code tests} jar of {@code meddistill-core} so that
 * implementations outside this module (yours too) can inherit them.
 */
package io.github.meddistill.core.contract;
