package io.stowage.itest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * docs/jcache.md's DS component {@code com.acme.shop.PriceBook}, as the guide shows it, in a bundle: its component
 * description is what bnd makes of its annotations, and a test-only component beside it publishes a
 * {@code BiFunction<String, Long, Long>} service ({@link AppServices}'s properties) that remembers a price when given
 * one and returns the cached price, so a test can drive the guide's code from outside.
 */
final class JCacheGuide {

    static final String SYMBOLIC_NAME = "com.acme.shop";
    private static final String MARKER = "<!-- compiled and run in Felix by itest's JCacheUpdateIT -->\n```java\n";

    private JCacheGuide() {
    }

    static AppBundles bundle() throws IOException {
        return AppBundles.bundle(SYMBOLIC_NAME)
                .imports("javax.cache;version=\"[1.1,2)\"", "javax.cache.configuration;version=\"[1.1,2)\"",
                        "javax.cache.spi;version=\"[1.1,2)\"")
                .source("com.acme.shop.PriceBook", shownInTheGuide())
                .source("com.acme.shop.PriceProbe", """
                        package com.acme.shop;
                        import java.util.function.BiFunction;
                        public final class PriceProbe implements BiFunction<String, Long, Long> {
                            private final PriceBook book;
                            public PriceProbe(PriceBook book) {
                                this.book = book;
                            }
                            @Override
                            public Long apply(String product, Long cents) {
                                if (cents != null) {
                                    book.remember(product, cents);
                                }
                                return book.price(product);
                            }
                        }
                        """)
                .header("Service-Component",
                        "OSGI-INF/com.acme.shop.PriceBook.xml,OSGI-INF/com.acme.shop.PriceProbe.xml")
                .resource("OSGI-INF/com.acme.shop.PriceBook.xml", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.4.0" name="com.acme.shop.PriceBook"
                                init="1" deactivate="close">
                          <service><provide interface="com.acme.shop.PriceBook"/></service>
                          <reference name="jcache" interface="javax.cache.spi.CachingProvider" parameter="0"/>
                          <implementation class="com.acme.shop.PriceBook"/>
                        </scr:component>
                        """)
                .resource("OSGI-INF/com.acme.shop.PriceProbe.xml", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.4.0" name="com.acme.shop.PriceProbe"
                                init="1">
                          <property name="%s" value="%s"/>
                          <property name="%s" value="1.0.0"/>
                          <service><provide interface="java.util.function.BiFunction"/></service>
                          <reference name="book" interface="com.acme.shop.PriceBook" parameter="0"/>
                          <implementation class="com.acme.shop.PriceProbe"/>
                        </scr:component>
                        """.formatted(AppServices.APP, SYMBOLIC_NAME, AppServices.VERSION));
    }

    /** The Java block under the guide's marker, exactly as shown. */
    private static String shownInTheGuide() throws IOException {
        Path guide = Path.of(System.getProperty("stowage.docs", "../docs"), "jcache.md");
        String text = Files.readString(guide, StandardCharsets.UTF_8);
        int start = text.indexOf(MARKER);
        if (start < 0) {
            throw new AssertionError(guide + " no longer shows the DS component under \"" + MARKER.trim() + "\"");
        }
        start += MARKER.length();
        return text.substring(start, text.indexOf("```\n", start));
    }
}
