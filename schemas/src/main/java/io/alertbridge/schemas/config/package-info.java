/**
 * What every configuration record shares, whichever module owns it: {@link io.alertbridge.schemas.config.Check}
 * (constructor checks whose messages start with the file's key, and secret masking),
 * {@link io.alertbridge.schemas.config.ByteSize} (sizes as people write them) and
 * {@link io.alertbridge.schemas.config.InvalidConfigException} (what the one loader throws). The loader itself and
 * the root record live in the processor's {@code config} package, the only module besides the launcher that sees
 * every slice.
 */
package io.alertbridge.schemas.config;
