/**
 * The rules engine: {@link io.alertbridge.processor.rules.RuleBook} answers which route, silence and anomaly
 * thresholds apply to an alert or a series; {@link io.alertbridge.processor.rules.RulesFile} loads rules from YAML;
 * {@link io.alertbridge.processor.rules.RuleValidator} decides whether a rule may be applied, with the reason.
 * Pure logic: no Kafka here.
 */
package io.alertbridge.processor.rules;
