/**
 * Benchmarks, each a class with a {@code main} run by {@code bench/run NAME}. Every benchmark measures its own
 * baseline in the same run and reports ratios, because the machines are shared and noisy.
 */
package io.alertbridge.bench;
