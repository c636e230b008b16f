#!/usr/bin/env python3
"""Where a JFR recording's execution samples fall, as docs/performance.md reports them.

    jfr print --events jdk.ExecutionSample --stack-depth 128 run.jfr > samples.txt
    bench/jfr-breakdown.py libraries samples.txt      # each sample charged to the first non-JDK frame's library
    bench/jfr-breakdown.py inclusive samples.txt 60   # methods on the most stacks
    bench/jfr-breakdown.py callees samples.txt org.carechat.application.support.MessageWriter.write
    bench/jfr-breakdown.py callers samples.txt java.util.HashMap.put   # who calls it, by share of samples

(`jfr` is in the JDK's bin directory; JDK 21 and later also have `jfr view hot-methods run.jfr` and
`jfr view contention-by-site run.jfr`.)
"""
import collections
import re
import sys

FRAME = re.compile(r'([\w.$<>]+)\(')

LIBRARIES = [
    ('org.glassfish.tyrus', 'tyrus'), ('org.glassfish.grizzly', 'grizzly'), ('org.glassfish.jersey', 'jersey'),
    ('tools.jackson', 'jackson'), ('jdk.proxy', 'store timer (dynamic proxy)'),
    ('org.carechat.bootstrap.server.TimedPorts', 'store timer (dynamic proxy)'),
    ('org.carechat.adapter.inmemory', 'carechat in-memory store'), ('org.carechat.adapter.mongo', 'carechat mongo adapter'),
    ('org.carechat.adapter.sqlite', 'carechat sqlite adapter'), ('org.sqlite', 'sqlite-jdbc (and SQLite, native)'),
    ('org.carechat.domain', 'carechat domain'), ('org.carechat.application', 'carechat application'),
    ('org.carechat.adapter.websocket', 'carechat websocket adapter'), ('org.carechat.wire', 'carechat wire'),
    ('org.carechat', 'carechat other'), ('de.bwaldvogel', 'mongo-java-server'), ('org.h2', 'h2 mvstore'),
    ('com.mongodb', 'mongodb driver'), ('org.bson', 'bson'), ('io.netty', 'netty'), ('sun.nio', 'jdk nio'),
]
JDK_GENERIC = ('java.util.', 'java.lang.', 'java.time.', 'java.io.', 'jdk.internal.reflect.')


def samples(path):
    stacks, current = [], None
    with open(path) as lines:
        for line in lines:
            text = line.strip()
            if text.startswith('jdk.ExecutionSample'):
                current = []
                stacks.append(current)
            elif current is not None and '(' in text and not text.startswith(('sampledThread', 'startTime', 'state')):
                match = FRAME.match(text)
                if match:
                    current.append(match.group(1))
    return stacks


def library(frame):
    for prefix, name in LIBRARIES:
        if frame.startswith(prefix):
            return name
    return None if frame.startswith(JDK_GENERIC) else frame.rsplit('.', 2)[0]


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    command, stacks = argv[1], samples(argv[2])
    total = len(stacks) or 1
    counts = collections.Counter()
    if command == 'libraries':
        for stack in stacks:
            counts[next((library(f) for f in stack if library(f)), 'jdk')] += 1
    elif command == 'inclusive':
        for stack in stacks:
            counts.update(set(stack))
    elif command == 'callees':
        target = argv[3]
        for stack in stacks:
            if target in stack:
                index = stack.index(target)
                counts[stack[index - 1] if index > 0 else '(self)'] += 1
    elif command == 'callers':
        target = argv[3]
        for stack in stacks:
            if target in stack:
                index = stack.index(target)
                counts[stack[index + 1] if index + 1 < len(stack) else '(root)'] += 1
    else:
        print(__doc__)
        return 2
    limit = int(argv[3]) if command == 'inclusive' and len(argv) > 3 else 30
    print(f'{len(stacks)} samples')
    try:
        for name, count in counts.most_common(limit):
            print(f'{count * 100 / total:5.1f}% {name}')
    except BrokenPipeError:
        pass
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
