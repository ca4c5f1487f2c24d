<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ContactsPage</name>
    <message numerus="yes">
        <source>%n contact(s)</source>
        <translation>
            <numerusform>%n contact</numerusform>
            <numerusform>%n contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restore %n contact(s) from the archive</source>
        <translation>
            <numerusform>Restore %n contact from the archive</numerusform>
            <numerusform>Restore %n contacts from the archive</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Archive %n contact(s)? Archived contacts are hidden from the list and reminders; you can restore them at any time.</source>
        <translation>
            <numerusform>Archive this contact? Archived contacts are hidden from the list and reminders; you can restore them at any time.</numerusform>
            <numerusform>Archive %n contacts? Archived contacts are hidden from the list and reminders; you can restore them at any time.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Archive %n contact(s)</source>
        <translation>
            <numerusform>Archive %n contact</numerusform>
            <numerusform>Archive %n contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n contact(s)? You can undo this with Ctrl+Z until you close Liaison.</source>
        <translation>
            <numerusform>Delete this contact? You can undo this with Ctrl+Z until you close Liaison.</numerusform>
            <numerusform>Delete %n contacts? You can undo this with Ctrl+Z until you close Liaison.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n contact(s)</source>
        <translation>
            <numerusform>Delete %n contact</numerusform>
            <numerusform>Delete %n contacts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GiftRegister</name>
    <message numerus="yes">
        <source>%n gift(s)</source>
        <translation>
            <numerusform>%n gift</numerusform>
            <numerusform>%n gifts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>%n entry(s) cannot be imported and will be skipped:</source>
        <translation>
            <numerusform>%n entry cannot be imported and will be skipped:</numerusform>
            <numerusform>%n entries cannot be imported and will be skipped:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s) were skipped:</source>
        <translation>
            <numerusform>%n entry was skipped:</numerusform>
            <numerusform>%n entries were skipped:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PartnershipsPage</name>
    <message numerus="yes">
        <source>%n partnership(s)</source>
        <translation>
            <numerusform>%n partnership</numerusform>
            <numerusform>%n partnerships</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
</TS>
