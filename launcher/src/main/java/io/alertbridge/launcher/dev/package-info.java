/**
 * The embedded default behind {@code alertbridge dev}: the devkit's real servers started in this JVM, with their
 * data under the state directory, and a description of what is where for the person who started it.
 */
package io.alertbridge.launcher.dev;
