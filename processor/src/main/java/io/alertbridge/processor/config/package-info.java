/**
 * The processor's configuration: {@link io.alertbridge.processor.config.ProcessorConfig}, one typed, validated
 * record made of slices ({@code kafka}, {@code topics}, {@code streams}, {@code rocksdb}, {@code rules},
 * {@code normalize}, {@code detect}, {@code dedupe}, {@code incidents}), loaded once from YAML plus the environment
 * contract of DESIGN.md by {@link io.alertbridge.processor.config.ConfigLoader}. Components receive their slice in the
 * constructor; nothing here is global or mutable. A bad value fails at start with a message naming the key.
 */
package io.alertbridge.processor.config;
