package io.alertbridge.processor.topology;

import io.alertbridge.processor.config.StreamsSlice;

/**
 * Every scenario of {@link InhibitionScenariosTest} again, with the processor's durable stores and its stages handing
 * re-keyed records straight on in the one task ({@code streams.hops: in_task}) instead of through repartition
 * topics: the same commands, incidents and nothing else.
 */
class InhibitionScenariosInTaskTest extends InhibitionScenariosTest {

    @Override
    StreamsSlice.Hops hops() {
        return StreamsSlice.Hops.IN_TASK;
    }
}
