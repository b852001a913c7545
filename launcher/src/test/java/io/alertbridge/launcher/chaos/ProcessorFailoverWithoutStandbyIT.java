package io.alertbridge.launcher.chaos;

/** {@link ProcessorFailover} without standby replicas: the survivor restores the tasks from their changelogs. */
class ProcessorFailoverWithoutStandbyIT extends ProcessorFailover {

    ProcessorFailoverWithoutStandbyIT() {
        super(0);
    }
}
