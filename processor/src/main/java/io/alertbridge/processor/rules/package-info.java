/**
 * The rules engine: {@link io.alertbridge.processor.rules.RuleBook} answers which route, silence and anomaly
 * thresholds apply to an alert or a series; {@link io.alertbridge.processor.rules.RulesFile} loads rules from YAML;
 * {@link io.alertbridge.processor.rules.RuleValidator} decides whether a rule may be applied, with the reason;
 * {@link io.alertbridge.processor.rules.LiveRuleBook} is the book in force, the file's rules overlaid by those of the
 * rules topic, changed at run time without a restart.
 * Pure logic: no Kafka here.
 */
package io.alertbridge.processor.rules;
