/**
 * The topic catalog: {@link io.alertbridge.schemas.topics.TopicSpec} binds a topic's name to its key and value
 * serdes; {@link io.alertbridge.schemas.topics.Topics} lists Alertbridge's topics under a configurable prefix.
 */
package io.alertbridge.schemas.topics;
