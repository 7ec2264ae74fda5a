package dev.portico.edge.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SNI names refused before any cache entry or store read: a table of what a scanner or a hostile client sends. */
class SniNamesTest {
    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(nullValues = "NULL", value = {
        "shop.example.com, true",
        "xn--bcher-kva.example, true",
        "a.b, true",
        "1.example.com, true",
        "NULL, false",
        "'', false",
        "localhost, false",
        "127.0.0.1, false",
        "10.0.0.1, false",
        "shop..example.com, false",
        ".example.com, false",
        "example.com., false",
        "-shop.example.com, false",
        "shop-.example.com, false",
        "Shop.example.com, false",
        "shop_1.example.com, false",
        "shop.exa mple.com, false",
        "*.example.com, false",
        "shop.example.com:443, false",
        "bücher.example, false"})
    void plausibleNames(String name, boolean plausible) {
        assertThat(SniNames.isPlausible(name)).isEqualTo(plausible);
    }

    @ParameterizedTest(name = "label of {0} characters -> {1}")
    @CsvSource({"63, true", "64, false"})
    void labelLength(int length, boolean plausible) {
        assertThat(SniNames.isPlausible("a".repeat(length) + ".example.com")).isEqualTo(plausible);
    }

    @ParameterizedTest(name = "name of {0} characters -> {1}")
    @CsvSource({"253, true", "254, false"})
    void nameLength(int length, boolean plausible) {
        // Five labels of 49 and four dots make 249; a last label fills up to the length.
        String name = String.join(".", java.util.Collections.nCopies(5, "a".repeat(49))) + "."
                + "b".repeat(length - 250);
        assertThat(name).hasSize(length);
        assertThat(SniNames.isPlausible(name)).isEqualTo(plausible);
    }
}
