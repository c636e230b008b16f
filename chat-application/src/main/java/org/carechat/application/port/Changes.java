package org.carechat.application.port;

/**
 * Where one change becomes durable as a unit: the messages it stores, its conversation's new state, the
 * people and care relationships an administrator saved, and the audit entry that records it. All of them are
 * stored, or none. Reads made after {@link #commit} returns see all of them.
 *
 * <p>The core computes a change under the conversation's lock, from what it read; {@link Change.Write#before()}
 * is what it read. A store shared by several processes compares it with what is stored and refuses with
 * {@link ChangeConflict} when another process wrote in between; a store only one process writes (memory, the
 * embedded file) may trust the lock.
 *
 * <p>A store without multi-document transactions (MongoDB here) writes a change one document at a time, in an
 * order a crash cannot break: what a crash leaves may be an audit entry without its change, or a new message
 * whose conversation has not moved on to it yet, which the store moves on at the next change of that
 * conversation; never a conversation that counts a message that is not stored. Such a store may also return
 * from a send whose message another process already counted, with the conversation moved on by that process.
 */
public interface Changes {

    /**
     * Stores {@code change} as one unit.
     *
     * @throws ChangeConflict when the change collides with what is stored (a seq or a clientMessageId taken, a
     *                        conversation or message changed since it was read); nothing of it is stored then,
     *                        and the core computes it again from what is stored now
     */
    void commit(Change change);
}
