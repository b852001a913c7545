/**
 * The {@code alertbridge} launcher (picocli): one runnable jar whose subcommands run any part of Alertbridge, or
 * all of it ({@code dev}, {@code run}), manage topics and rules, and replay history. Only
 * {@link io.alertbridge.launcher.cli.AlertbridgeMain} decides the process's exit code.
 */
package io.alertbridge.launcher.cli;
