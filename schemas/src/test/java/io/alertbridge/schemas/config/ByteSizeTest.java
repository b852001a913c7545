package io.alertbridge.schemas.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteSizeTest {

    @Test
    void shouldReadSizesAsPeopleWriteThem() {
        assertThat(ByteSize.parse("1048576")).isEqualTo(1L << 20);
        assertThat(ByteSize.parse("512KiB")).isEqualTo(512L << 10);
        assertThat(ByteSize.parse("64 MB")).isEqualTo(64L << 20);
        assertThat(ByteSize.parse("1g")).isEqualTo(1L << 30);
        assertThat(ByteSize.parse("10b")).isEqualTo(10L);
        assertThatThrownBy(() -> ByteSize.parse("lots")).hasMessageContaining("'lots'");
        assertThatThrownBy(() -> ByteSize.parse("1.5GiB")).hasMessageContaining("not a size");
    }
}
