package org.carechat.domain.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * What a ZIP file is, by its entries: an Office Open XML package has {@code [Content_Types].xml} and exactly one
 * main part, {@code word/document.xml} (DOCX), {@code xl/workbook.xml} (XLSX) or {@code ppt/presentation.xml}
 * (PPTX). Any other ZIP (an archive, a JAR, an OpenDocument file) is none of them, and neither is a
 * macro-enabled package (a {@code vbaProject.bin} part: DOCM, XLSM, PPTM), which can carry code. Reading stops
 * once more than {@link #LARGEST_EXPANSION} bytes were inflated, so a ZIP bomb costs little.
 */
final class OpenXmlPackage {
    static final long LARGEST_EXPANSION = 512L * 1024 * 1024;
    private static final int MOST_ENTRIES = 10_000;
    private static final String CONTENT_TYPES = "[content_types].xml";
    private static final String MACROS = "vbaproject.bin";

    private OpenXmlPackage() {
    }

    static Optional<FileType> typeOf(FileContent content) throws IOException {
        Set<String> names = new HashSet<>();
        try (InputStream raw = content.open(); BoundedZip zip = new BoundedZip(raw, LARGEST_EXPANSION)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName().toLowerCase(Locale.ROOT);
                if (name.startsWith("/")) {
                    name = name.substring(1);
                }
                if (name.endsWith(MACROS) || names.size() >= MOST_ENTRIES) {
                    return Optional.empty();
                }
                names.add(name);
            }
        } catch (ZipException | TooMuchInflated notAnOfficeFile) {
            return Optional.empty();
        }
        if (!names.contains(CONTENT_TYPES)) {
            return Optional.empty();
        }
        Set<FileType> found = new HashSet<>();
        if (names.contains("word/document.xml")) {
            found.add(FileType.DOCX);
        }
        if (names.contains("xl/workbook.xml")) {
            found.add(FileType.XLSX);
        }
        if (names.contains("ppt/presentation.xml")) {
            found.add(FileType.PPTX);
        }
        return found.size() == 1 ? Optional.of(found.iterator().next()) : Optional.empty();
    }

    private static final class TooMuchInflated extends IOException {
        private static final long serialVersionUID = 1L;

        TooMuchInflated() {
            super("the ZIP inflates to more than " + LARGEST_EXPANSION + " bytes", null);
        }
    }

    /** Counts every inflated byte, including those skipped to reach the next entry. */
    private static final class BoundedZip extends ZipInputStream {
        private final long budget;
        private long inflated;

        BoundedZip(InputStream in, long budget) {
            super(in);
            this.budget = budget;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                inflated += n;
                if (inflated > budget) {
                    throw new TooMuchInflated();
                }
            }
            return n;
        }
    }
}
