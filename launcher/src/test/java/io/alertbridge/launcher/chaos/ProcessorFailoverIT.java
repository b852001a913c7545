package io.alertbridge.launcher.chaos;

/** {@link ProcessorFailover} with one standby replica: the survivor takes over tasks it already kept warm. */
class ProcessorFailoverIT extends ProcessorFailover {

    ProcessorFailoverIT() {
        super(1);
    }
}
