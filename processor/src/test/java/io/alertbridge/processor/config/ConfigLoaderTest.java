package io.alertbridge.processor.config;

import io.alertbridge.schemas.config.InvalidConfigException;
import io.alertbridge.schemas.model.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @Test
    void shouldRunOnBuiltInDefaultsWithoutFileOrEnvironment() {
        ProcessorConfig config = ProcessorConfig.load(Map.of());

        assertThat(config).isEqualTo(ProcessorConfig.defaults());
        assertThat(config.kafka().usesDevBroker()).isTrue();
        assertThat(config.streams().processingGuarantee()).isEqualTo("exactly_once_v2");
        assertThat(config.topicCatalog().alerts().name()).isEqualTo("alertbridge.alerts");
        assertThat(config.streamsStateDir()).isEqualTo(Path.of("./.alertbridge/streams"));
    }

    @Test
    void shouldOverlayTheFileNamedByAlertbridgeConfigAndLetTheEnvironmentWin(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("alertbridge.yaml");
        Files.writeString(
                file,
                """
                stateDir: /var/lib/alertbridge
                kafka:
                  bootstrapServers: kafka-1:9092
                  properties: {security.protocol: SSL}
                topics: {prefix: staging.alertbridge.}
                streams: {numThreads: 2, commitInterval: 250ms}
                rocksdb: {blockCacheBytes: 128MiB, writeBufferBytes: 32MiB}
                normalize: {insufficientData: firing, insufficientDataSeverity: error, maxBodyBytes: 512KiB}
                detect: {fireThreshold: 0.7, clearThreshold: 0.4, fireCount: 2, fireWindow: 4, clearCount: 10}
                dedupe: {retention: 2h}
                slack: {token: belongs-to-the-sink}
                """);

        ProcessorConfig config = ProcessorConfig.load(Map.of(
                "ALERTBRIDGE_CONFIG", file.toString(),
                "KAFKA_BOOTSTRAP_SERVERS", "broker-a:9092,broker-b:9092",
                "ALERTBRIDGE_STATE_DIR", "/data/ab",
                "ALERTBRIDGE_TOPIC_PREFIX", " "));

        assertThat(config.kafka().bootstrapServers()).isEqualTo("broker-a:9092,broker-b:9092");
        assertThat(config.kafka().properties()).containsEntry("security.protocol", "SSL");
        assertThat(config.stateDir()).as("the environment wins").isEqualTo("/data/ab");
        assertThat(config.topics().prefix())
                .as("a blank variable leaves the file's value")
                .isEqualTo("staging.alertbridge.");
        assertThat(config.streams().numThreads()).isEqualTo(2);
        assertThat(config.streams().commitInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.streams().applicationId())
                .as("unset keys keep their default")
                .isEqualTo("alertbridge-processor");
        assertThat(config.rocksdb().blockCacheBytes()).isEqualTo(128L << 20);
        assertThat(config.normalize().insufficientData()).isEqualTo(NormalizeSlice.InsufficientData.FIRING);
        assertThat(config.normalize().insufficientDataSeverity()).isEqualTo(Severity.ERROR);
        assertThat(config.normalize().maxBodyBytes()).isEqualTo(512L << 10);
        assertThat(config.detect().defaultThreshold().fireWindow()).isEqualTo(4);
        assertThat(config.dedupe().retention()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void shouldNameAnUnknownKeyInAKnownSection() {
        assertThatThrownBy(() -> ConfigLoader.parse("dedupe: {retension: 2h}", "ab.yaml", Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("ab.yaml: unknown key 'dedupe.retension'")
                .hasMessageContaining("retention");
    }

    @Test
    void shouldNameAKeyOfTheWrongType() {
        assertThatThrownBy(() -> ConfigLoader.parse("detect: {fireCount: many}", "ab.yaml", Map.of()))
                .hasMessageStartingWith("ab.yaml: detect.fireCount: ");
        assertThatThrownBy(() -> ConfigLoader.parse("detect: {fireCount: 1.5}", "ab.yaml", Map.of()))
                .hasMessageStartingWith("ab.yaml: detect.fireCount: ");
        assertThatThrownBy(() -> ConfigLoader.parse("rocksdb: {blockCacheBytes: lots}", "ab.yaml", Map.of()))
                .hasMessageStartingWith("ab.yaml: rocksdb.blockCacheBytes: ")
                .hasMessageContaining("not a size");
        assertThatThrownBy(() -> ConfigLoader.parse("dedupe: {retention: soon}", "ab.yaml", Map.of()))
                .hasMessageStartingWith("ab.yaml: dedupe.retention: ");
    }

    @Test
    void shouldReadHowReKeyedRecordsTravelAndNameAnUnknownWay() {
        assertThat(ConfigLoader.parse("", "ab.yaml", Map.of())
                        .processor()
                        .streams()
                        .hops())
                .isEqualTo(StreamsSlice.Hops.AUTO);
        assertThat(ConfigLoader.parse("streams: {hops: in_task}", "ab.yaml", Map.of())
                        .processor()
                        .streams()
                        .hops())
                .isEqualTo(StreamsSlice.Hops.IN_TASK);
        assertThat(ConfigLoader.parse("streams: {hops: topics}", "ab.yaml", Map.of())
                        .processor()
                        .streams()
                        .hops())
                .isEqualTo(StreamsSlice.Hops.TOPICS);
        assertThatThrownBy(() -> ConfigLoader.parse("streams: {hops: direct}", "ab.yaml", Map.of()))
                .hasMessageStartingWith("ab.yaml: streams.hops: ");
    }

    @Test
    void shouldReadHowManyStateValuesTheProcessKeepsDecodedAndRefuseNone() {
        assertThat(ConfigLoader.parse("", "ab.yaml", Map.of())
                        .processor()
                        .streams()
                        .decodedValues())
                .isEqualTo(StreamsSlice.DEFAULT_DECODED_VALUES);
        assertThat(ConfigLoader.parse("streams: {decodedValues: 2048}", "ab.yaml", Map.of())
                        .processor()
                        .streams()
                        .decodedValues())
                .isEqualTo(2048);
        assertThatThrownBy(() -> ConfigLoader.parse("streams: {decodedValues: 0}", "ab.yaml", Map.of()))
                .hasMessageContaining("streams.decodedValues");
    }

    @Test
    void shouldNameTheKeysOfAnInconsistentSlice() {
        assertThatThrownBy(() ->
                        ConfigLoader.parse("detect: {fireThreshold: 0.3, clearThreshold: 0.6}", "ab.yaml", Map.of()))
                .hasMessage("ab.yaml: detect.clearThreshold (0.6) must not exceed detect.fireThreshold (0.3)");
        assertThatThrownBy(
                        () -> ConfigLoader.parse("streams: {processingGuarantee: exactly_once}", "ab.yaml", Map.of()))
                .hasMessageStartingWith("ab.yaml: streams.processingGuarantee must be one of");
        assertThatThrownBy(() -> ConfigLoader.parse(
                        "rocksdb: {blockCacheBytes: 8MiB, writeBufferBytes: 16MiB}", "ab.yaml", Map.of()))
                .hasMessageContaining("rocksdb.writeBufferBytes");
    }

    @Test
    void shouldKeepTheConfiguredPointsPerSeriesWithinTheHardCap() {
        assertThat(ConfigLoader.parse("", "ab.yaml", Map.of())
                        .processor()
                        .detect()
                        .seriesPoints())
                .isEqualTo(DetectSlice.DEFAULT_SERIES_POINTS);
        assertThat(ConfigLoader.parse("detect: {seriesPoints: 0}", "ab.yaml", Map.of())
                        .processor()
                        .detect()
                        .seriesPoints())
                .isZero();
        assertThatThrownBy(() -> ConfigLoader.parse("detect: {seriesPoints: 1441}", "ab.yaml", Map.of()))
                .hasMessage("ab.yaml: detect.seriesPoints must be at most 1440 (about 40 KB of JSON per series),"
                        + " was 1441");
        assertThatThrownBy(() -> ConfigLoader.parse("detect: {seriesPoints: -1}", "ab.yaml", Map.of()))
                .hasMessageStartingWith("ab.yaml: detect.seriesPoints must be at least 0");
    }

    @Test
    void shouldNameTheEnvironmentVariableThatSetABadValue() {
        assertThatThrownBy(() -> ProcessorConfig.load(Map.of("ALERTBRIDGE_TOPIC_PREFIX", "my topics/")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("environment variable ALERTBRIDGE_TOPIC_PREFIX: topics.prefix may only hold");
    }

    @Test
    void shouldNameTheFileThatCannotBeRead(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> ProcessorConfig.load(Map.of("ALERTBRIDGE_CONFIG", missing.toString())))
                .hasMessageStartingWith("ALERTBRIDGE_CONFIG=" + missing + ": cannot read the file");
        assertThatThrownBy(() -> ConfigLoader.parse("detect: [1, 2", "broken.yaml", Map.of()))
                .hasMessageStartingWith("broken.yaml: not valid YAML");
        assertThatThrownBy(() -> ConfigLoader.parse("- just a list", "list.yaml", Map.of()))
                .hasMessage("list.yaml: the configuration must be a YAML mapping");
    }

    @Test
    void shouldFeedTheDetectDefaultsInPlaceOfTheRuleBookFallbackOnly() {
        DetectSlice detect = DetectSlice.defaults();
        var fallback = io.alertbridge.processor.rules.RuleBook.DEFAULT_THRESHOLD;
        var specific =
                new io.alertbridge.schemas.model.ThresholdRule("mine", 1, java.util.List.of(), 0.9, 0.1, 3, 3, 3, null);

        assertThat(detect.effective(fallback)).isEqualTo(detect.defaultThreshold());
        assertThat(detect.effective(specific)).isSameAs(specific);
    }

    @Test
    void shouldReadReceiversBesideSlack() {
        AlertbridgeConfig config = ConfigLoader.parse(
                "receivers:\n  webhook:\n    tickets: {url: 'https://tickets.example.com/hooks/ab', secret: s3cr3t,"
                        + " giveUpAfter: 2h}\n",
                "ab.yaml",
                Map.of());

        assertThat(config.receivers().names()).containsExactly("webhook:tickets");
        assertThat(config.receivers().webhook().get("tickets").giveUpAfter()).isEqualTo(Duration.ofHours(2));
        assertThat(config.receivers().webhook().get("tickets").timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(ConfigLoader.parse("", "ab.yaml", Map.of()).receivers().isEmpty())
                .isTrue();
    }

    @Test
    void shouldNameWhatIsWrongWithAReceiver() {
        assertThatThrownBy(() -> ConfigLoader.parse(
                        "receivers: {webhook: {tickets: {url: 'https://x.example.com', secrte: s}}}",
                        "ab.yaml",
                        Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("unknown key 'receivers.webhook.tickets.secrte'");
        assertThatThrownBy(() -> ConfigLoader.parse(
                        "receivers: {webhook: {tickets: {url: 'ftp://x.example.com', secret: s}}}",
                        "ab.yaml",
                        Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("receivers.webhook.tickets.url: a webhook needs an http or https URL");
        assertThatThrownBy(() -> ConfigLoader.parse("receivers: {sms: {ops: {}}}", "ab.yaml", Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("sms");
    }
}
