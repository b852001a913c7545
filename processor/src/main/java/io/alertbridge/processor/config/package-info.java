/**
 * Typed, validated configuration records, one slice per component, each failing at construction with a message that
 * names the bad key.
 */
package io.alertbridge.processor.config;
