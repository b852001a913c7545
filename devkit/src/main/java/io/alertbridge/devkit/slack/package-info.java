/**
 * The local Slack workspace: {@link io.alertbridge.devkit.slack.LocalSlackWorkspace} serves Slack's Web API over
 * real HTTP on localhost (the methods Alertbridge calls, with Slack's answers, error names and limits) and a web
 * page where people see the messages and click their buttons, which it turns into signed requests to the app, as
 * Slack does. Tests read its state ({@link io.alertbridge.devkit.slack.SlackMessage},
 * {@link io.alertbridge.devkit.slack.SlackChannel}), its recorder ({@link io.alertbridge.devkit.slack.ApiCall})
 * and flip its fault switches. Nothing here is a mock of a Java interface: clients speak HTTP to it.
 */
package io.alertbridge.devkit.slack;
