/**
 * State store names and builders ({@link io.alertbridge.processor.store.StateStores}), and the process-wide bounded
 * RocksDB memory ({@link io.alertbridge.processor.store.RocksDbMemory} installed by
 * {@link io.alertbridge.processor.store.BoundedMemoryConfigSetter}). Every store has an explicit name, so its
 * changelog topic ({@code <application.id>-<store>-changelog}) never changes behind the operator's back.
 */
package io.alertbridge.processor.store;
