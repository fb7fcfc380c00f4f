/** Benchmark programs with a {@code main}: each prints a table and, with {@code --json}, one JSON object on the last line. */
package io.github.meddistill.examples.bench;
