/** The {@code meddistill} command line: one class per subcommand, picocli for parsing. */
package io.github.meddistill.examples.cli;
