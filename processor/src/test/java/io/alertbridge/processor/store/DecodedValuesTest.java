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
    private final KeyValueStore<String, Value> store = store("decoded-values-test");
    private final KeyValueStore<String, Value> other = store("decoded-values-other");

    private KeyValueStore<String, Value> store(String name) {
        Deserializer<Value> counting = (topic, bytes) -> {
            decodes.incrementAndGet();
            return bytes == null ? null : new Value(new String(bytes, StandardCharsets.UTF_8));
        };
        Serde<Value> serde = Serdes.serdeFrom(
                (topic, value) -> value == null ? null : value.text().getBytes(StandardCharsets.UTF_8), counting);
        KeyValueStore<String, Value> kv = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(name), Serdes.String(), serde)
                .withLoggingDisabled()
                .build();
        MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
        kv.init(context.getStateStoreContext(), kv);
        return kv;
    }

    @Test
    void shouldAnswerAReadOfWhatWasWrittenOrReadWithoutDecodingAgain() {
        store.put("a", new Value("from before"));
        DecodedValues<Value> values = new DecodedCache(8).view(store);

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
        DecodedValues<Value> values = new DecodedCache(8).view(store);
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
        DecodedValues<Value> values = new DecodedCache(2).view(store);
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
        DecodedValues<Value> values = new DecodedCache(8).view(store);

        assertThat(values.get("later")).isNull();
        store.put("later", new Value("restored"));

        assertThat(values.get("later")).isEqualTo(new Value("restored"));
    }

    @Test
    void shouldIterateTheStoreItself() {
        DecodedValues<Value> values = new DecodedCache(8).view(store);
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
    void shouldShareOneBoundAmongTheViewsOfACacheDroppingTheLeastRecentlyUsedOfAny() {
        DecodedCache cache = new DecodedCache(3);
        DecodedValues<Value> busy = cache.view(store);
        DecodedValues<Value> quiet = cache.view(other);
        quiet.put("q", new Value("quiet"));
        busy.put("a", new Value("1"));
        busy.put("b", new Value("2"));
        busy.put("c", new Value("3"));
        int before = decodes.get();

        assertThat(cache.size()).isEqualTo(3);
        assertThat(quiet.size())
                .as("the quiet view's value was the least recently used")
                .isZero();
        assertThat(busy.get("a")).isEqualTo(new Value("1"));
        assertThat(decodes).as("the busy view kept all three").hasValue(before);
        assertThat(quiet.get("q")).as("read from its store again").isEqualTo(new Value("quiet"));
        assertThat(decodes).hasValue(before + 1);
    }

    @Test
    void shouldStartANewViewOfTheSameStoreEmptySoAProcessorInitializedAgainReadsTheStore() {
        DecodedCache cache = new DecodedCache(8);
        DecodedValues<Value> before = cache.view(store);
        before.put("a", new Value("kept by the first view"));
        // What a wiped and restored task's store holds may differ from what the old view kept.
        store.put("a", new Value("restored"));

        DecodedValues<Value> after = cache.view(store);

        assertThat(after.get("a")).isEqualTo(new Value("restored"));
        assertThat(before.get("a")).isEqualTo(new Value("kept by the first view"));
    }

    @Test
    void shouldSayWhenAReadHadToDecode() {
        AtomicInteger counted = new AtomicInteger();
        store.put("a", new Value("stored"));
        DecodedValues<Value> values = new DecodedCache(8).view(store, counted::incrementAndGet);

        values.get("a");
        values.get("a");
        values.get("absent");
        values.put("b", new Value("written"));
        values.get("b");

        assertThat(counted).as("only the first read of a decoded").hasValue(1).hasValue(decodes.get());
    }

    @Test
    void shouldRefuseACapacityBelowOne() {
        assertThatThrownBy(() -> new DecodedCache(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity");
    }
}
