package org.carechat.domain.attachment;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an OLE2 compound file (the container of the Office formats before 2007, and of installers and many
 * others) is, by the streams at its root: {@code WordDocument} makes a DOC, {@code Workbook} (or {@code Book})
 * an XLS, {@code PowerPoint Document} a PPT. Anything else (an MSI installer, an Outlook message, an encrypted
 * package) is none of them, and so is a document carrying Word or Excel macros ({@code Macros},
 * {@code _VBA_PROJECT_CUR}).
 *
 * <p>The directory that names the streams may lie anywhere in the file (Office often writes it last), found
 * through the file allocation table: the file is read from its start a few times, skipping to the sectors
 * needed, and only the tables and the directory are held in memory.
 */
final class CompoundFile {
    private static final int HEADER_SIZE = 512;
    private static final long END_OF_CHAIN = 0xFFFFFFFEL;
    private static final int ENTRY_SIZE = 128;
    private static final int ROOT = 5;
    private static final int STREAM = 2;
    private static final long NO_ENTRY = 0xFFFFFFFFL;
    private static final int MOST_DIRECTORY_SECTORS = 4096;
    private static final int HEADER_DIFAT_ENTRIES = 109;

    private CompoundFile() {
    }

    static Optional<FileType> typeOf(FileContent content) throws IOException {
        try {
            return new Reader(content).type();
        } catch (EOFException | Malformed e) {
            return Optional.empty();
        }
    }

    private static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Reader {
        private final FileContent content;
        private int sectorSize;
        private long sectorCount;

        Reader(FileContent content) {
            this.content = content;
        }

        Optional<FileType> type() throws IOException, Malformed {
            byte[] header;
            try (InputStream in = content.open()) {
                header = in.readNBytes(HEADER_SIZE);
            }
            if (header.length < HEADER_SIZE || Bytes.u16le(header, 0x1C) != 0xFFFE) {
                throw new Malformed("not a compound file header");
            }
            int major = Bytes.u16le(header, 0x1A);
            int shift = Bytes.u16le(header, 0x1E);
            if (!(major == 3 && shift == 9) && !(major == 4 && shift == 12)) {
                throw new Malformed("unknown version or sector size");
            }
            sectorSize = 1 << shift;
            sectorCount = (content.size() + sectorSize - 1) / sectorSize - 1;
            long fatSectors = Bytes.u32le(header, 0x2C);
            long perSector = sectorSize / 4;
            if (sectorCount < 1 || fatSectors < 1 || fatSectors > sectorCount / perSector + 2) {
                throw new Malformed("implausible allocation table");
            }
            List<Long> fatIds = fatSectorIds(header, (int) fatSectors);
            long[] fat = table(fatIds);
            List<Long> directory = chain(fat, Bytes.u32le(header, 0x30));
            return classify(rootNames(concat(directory, read(new TreeSet<>(directory)))));
        }

        /** Where the allocation table's sectors are: 109 in the header, the rest in a chain of DIFAT sectors. */
        private List<Long> fatSectorIds(byte[] header, int count) throws IOException, Malformed {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < Math.min(count, HEADER_DIFAT_ENTRIES); i++) {
                ids.add(sector(Bytes.u32le(header, 0x4C + 4 * i)));
            }
            long next = Bytes.u32le(header, 0x44);
            long difatSectors = Bytes.u32le(header, 0x48);
            for (long n = 0; n < difatSectors && ids.size() < count; n++) {
                byte[] difat = read(new TreeSet<>(List.of(sector(next)))).get(next);
                int entries = sectorSize / 4 - 1;
                for (int i = 0; i < entries && ids.size() < count; i++) {
                    ids.add(sector(Bytes.u32le(difat, 4 * i)));
                }
                next = Bytes.u32le(difat, 4 * entries);
            }
            if (ids.size() < count) {
                throw new Malformed("allocation table sectors missing");
            }
            return ids;
        }

        private long[] table(List<Long> ids) throws IOException, Malformed {
            Map<Long, byte[]> sectors = read(new TreeSet<>(ids));
            int perSector = sectorSize / 4;
            long[] table = new long[ids.size() * perSector];
            for (int s = 0; s < ids.size(); s++) {
                byte[] bytes = sectors.get(ids.get(s));
                for (int i = 0; i < perSector; i++) {
                    table[s * perSector + i] = Bytes.u32le(bytes, 4 * i);
                }
            }
            return table;
        }

        private List<Long> chain(long[] fat, long start) throws Malformed {
            List<Long> chain = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            long at = start;
            while (at != END_OF_CHAIN) {
                if (at >= fat.length || !seen.add(sector(at)) || chain.size() >= MOST_DIRECTORY_SECTORS) {
                    throw new Malformed("broken directory chain");
                }
                chain.add(at);
                at = fat[(int) at];
            }
            if (chain.isEmpty()) {
                throw new Malformed("no directory");
            }
            return chain;
        }

        private long sector(long id) throws Malformed {
            if (id >= sectorCount) {
                throw new Malformed("sector beyond the end of the file");
            }
            return id;
        }

        /** The sectors asked for, in one pass over the file. */
        private Map<Long, byte[]> read(TreeSet<Long> ids) throws IOException, Malformed {
            Map<Long, byte[]> sectors = new HashMap<>();
            try (InputStream in = content.open()) {
                long position = 0;
                for (long id : ids) {
                    long offset = (id + 1) * sectorSize;
                    in.skipNBytes(offset - position);
                    byte[] bytes = in.readNBytes(sectorSize);
                    if (bytes.length < sectorSize) {
                        throw new Malformed("a sector is cut short");
                    }
                    sectors.put(id, bytes);
                    position = offset + sectorSize;
                }
            }
            return sectors;
        }

        private byte[] concat(List<Long> order, Map<Long, byte[]> sectors) {
            byte[] all = new byte[order.size() * sectorSize];
            for (int i = 0; i < order.size(); i++) {
                System.arraycopy(sectors.get(order.get(i)), 0, all, i * sectorSize, sectorSize);
            }
            return all;
        }
    }

    /** The names of the entries directly under the root, each with its kind (storage or stream). */
    private static Map<String, Integer> rootNames(byte[] directory) throws Malformed {
        int entries = directory.length / ENTRY_SIZE;
        if (entries < 1 || Bytes.u8(directory, 0x42) != ROOT) {
            throw new Malformed("no root entry");
        }
        Map<String, Integer> names = new HashMap<>();
        Deque<Long> pending = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        pending.push(Bytes.u32le(directory, 0x4C));
        while (!pending.isEmpty()) {
            long id = pending.pop();
            if (id == NO_ENTRY) {
                continue;
            }
            if (id >= entries || !seen.add(id)) {
                throw new Malformed("broken directory tree");
            }
            int at = (int) id * ENTRY_SIZE;
            int nameBytes = Bytes.u16le(directory, at + 0x40);
            int type = Bytes.u8(directory, at + 0x42);
            if (nameBytes < 2 || nameBytes > 64 || nameBytes % 2 != 0) {
                throw new Malformed("bad entry name");
            }
            names.put(new String(directory, at, nameBytes - 2, StandardCharsets.UTF_16LE), type);
            pending.push(Bytes.u32le(directory, at + 0x44));
            pending.push(Bytes.u32le(directory, at + 0x48));
        }
        return names;
    }

    private static Optional<FileType> classify(Map<String, Integer> root) {
        if (root.get("Macros") != null || root.get("_VBA_PROJECT_CUR") != null) {
            return Optional.empty();
        }
        Set<FileType> found = new HashSet<>();
        if (isStream(root, "WordDocument")) {
            found.add(FileType.DOC);
        }
        if (isStream(root, "Workbook") || isStream(root, "Book")) {
            found.add(FileType.XLS);
        }
        if (isStream(root, "PowerPoint Document")) {
            found.add(FileType.PPT);
        }
        return found.size() == 1 ? Optional.of(found.iterator().next()) : Optional.empty();
    }

    private static boolean isStream(Map<String, Integer> root, String name) {
        Integer type = root.get(name);
        return type != null && type == STREAM;
    }
}
