/**
 * What the connectors' configuration records share: {@code SectionBinder} binds one section of the YAML
 * configuration file (as the launcher hands it over, a map) to a record, with the environment overriding the file,
 * and holds the few checks and the secret masking those records use, so every section fails the same way, naming
 * {@code section.key}.
 */
package io.alertbridge.connectors.config;
