package org.carechat.adapter.mongo;

import org.bson.Document;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.RoleKind;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;

/** A directory entry as a document: the role keeps both its name and the kind the care policy reasons about. */
final class UserMapper {
    static final String ID = "_id";
    static final String NAME = "name";
    static final String ROLE = "role";
    static final String ROLE_KIND = "roleKind";
    static final String SPECIALTY = "specialty";

    private UserMapper() {
    }

    static Document toDocument(User user) {
        Document document = new Document(ID, user.id().value())
                .append(NAME, user.name())
                .append(ROLE, user.role().name())
                .append(ROLE_KIND, user.role().kind().name());
        return Fields.putIfPresent(document, SPECIALTY, user.specialty());
    }

    static User fromDocument(Document document) {
        Role role = new Role(Fields.requiredString(document, ROLE),
                RoleKind.valueOf(Fields.requiredString(document, ROLE_KIND)));
        return new User(UserId.of(Fields.requiredString(document, ID)), Fields.requiredString(document, NAME), role,
                Fields.string(document, SPECIALTY));
    }
}
