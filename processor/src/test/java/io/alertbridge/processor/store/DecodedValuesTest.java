package io.alertbridge.processor.store;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecodedValuesTest {

    /** A value the store decodes from its bytes: a new object per decode, counted. */
    record Value(String text) {}

    private final AtomicInteger decodes = new AtomicInteger();
    private final KeyValueStore<String, Value> store = store();

    private KeyValueStore<String, Value> store() {
        Deserializer<Value> counting = (topic, bytes) -> {
            decodes.incrementAndGet();
            return bytes == null ? null : new Value(new String(bytes, StandardCharsets.UTF_8));
        };
        Serde<Value> serde = Serdes.serdeFrom(
                (topic, value) -> value == null ? null : value.text().getBytes(StandardCharsets.UTF_8), counting);
        KeyValueStore<String, Value> kv = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore("decoded-values-test"), Serdes.String(), serde)
                .withLoggingDisabled()
                .build();
        MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
        kv.init(context.getStateStoreContext(), kv);
        return kv;
    }

    @Test
    void shouldAnswerAReadOfWhatWasWrittenOrReadWithoutDecodingAgain() {
        store.put("a", new Value("from before"));
        DecodedValues<Value> values = new DecodedValues<>(store, 8);

        Value first = values.get("a");
        Value second = values.get("a");
        Value written = new Value("written");
        values.put("b", written);

        assertThat(first).isEqualTo(new Value("from before")).isSameAs(second);
        assertThat(values.get("b")).isSameAs(written);
        assertThat(decodes).as("one decode: the first read of a").hasValue(1);
        assertThat(store.get("b")).as("the store is written at once").isEqualTo(written);
    }

    @Test
    void shouldForgetADeletedKeyInTheStoreAndInTheView() {
        DecodedValues<Value> values = new DecodedValues<>(store, 8);
        values.put("a", new Value("x"));

        values.delete("a");
        values.put("b", new Value("y"));
        values.put("b", null);

        assertThat(values.get("a")).isNull();
        assertThat(values.get("b")).as("a null value deletes").isNull();
        assertThat(store.get("a")).isNull();
        assertThat(store.get("b")).isNull();
        assertThat(values.size()).isZero();
    }

    @Test
    void shouldKeepAtMostItsCapacityDroppingTheLeastRecentlyUsed() {
        DecodedValues<Value> values = new DecodedValues<>(store, 2);
        values.put("a", new Value("1"));
        values.put("b", new Value("2"));
        values.get("a");
        values.put("c", new Value("3"));
        int before = decodes.get();

        assertThat(values.size()).isEqualTo(2);
        assertThat(values.get("a")).isEqualTo(new Value("1"));
        assertThat(values.get("c")).isEqualTo(new Value("3"));
        assertThat(decodes).as("a and c were kept").hasValue(before);
        assertThat(values.get("b")).as("b left first, read from the store").isEqualTo(new Value("2"));
        assertThat(decodes).hasValue(before + 1);
    }

    @Test
    void shouldNotRememberAbsentKeysSoAWriteOfTheStoreIsSeen() {
        DecodedValues<Value> values = new DecodedValues<>(store, 8);

        assertThat(values.get("later")).isNull();
        store.put("later", new Value("restored"));

        assertThat(values.get("later")).isEqualTo(new Value("restored"));
    }

    @Test
    void shouldIterateTheStoreItself() {
        DecodedValues<Value> values = new DecodedValues<>(store, 8);
        values.put("a", new Value("1"));
        values.put("b", new Value("2"));
        values.delete("a");

        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Value> all = values.all()) {
            all.forEachRemaining((KeyValue<String, Value> kv) -> keys.add(kv.key));
        }

        assertThat(keys).containsExactly("b");
    }

    @Test
    void shouldRefuseACapacityBelowOne() {
        assertThatThrownBy(() -> new DecodedValues<>(store, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity");
    }
}
