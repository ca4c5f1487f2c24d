<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ConflictFields</name>
    <message numerus="yes">
        <source>Every %n day(s)</source>
        <translation>
            <numerusform>Every day</numerusform>
            <numerusform>Every %n days</numerusform>
        </translation>
    </message>
</context>
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
    <name>DuplicatesDialog</name>
    <message numerus="yes">
        <source>Every %n day(s)</source>
        <translation>
            <numerusform>Every day</numerusform>
            <numerusform>Every %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %n likeliest possible duplicates: merge or dismiss some to see more.</source>
        <translation>
            <numerusform>The likeliest possible duplicate: merge or dismiss it to see more.</numerusform>
            <numerusform>The %n likeliest possible duplicates: merge or dismiss some to see more.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n possible duplicate(s).</source>
        <translation>
            <numerusform>%n possible duplicate.</numerusform>
            <numerusform>%n possible duplicates.</numerusform>
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
    <name>GreetingWizard</name>
    <message numerus="yes">
        <source>Only the %n chosen contact(s).</source>
        <translation>
            <numerusform>Only the %n chosen contact.</numerusform>
            <numerusform>Only the %n chosen contacts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) will go out.</source>
        <translation>
            <numerusform>%n message will go out.</numerusform>
            <numerusform>%n messages will go out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) sent.</source>
        <translation>
            <numerusform>%n message sent.</numerusform>
            <numerusform>%n messages sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n e-mail file(s) written.</source>
        <translation>
            <numerusform>%n e-mail file written.</numerusform>
            <numerusform>%n e-mail files written.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be sent.</source>
        <translation>
            <numerusform>%n could not be sent.</numerusform>
            <numerusform>%n could not be sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped.</source>
        <translation>
            <numerusform>%n skipped.</numerusform>
            <numerusform>%n skipped.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HandoverWizard</name>
    <message numerus="yes">
        <source>%n partnership(s)</source>
        <translation>
            <numerusform>%n partnership</numerusform>
            <numerusform>%n partnerships</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s)</source>
        <translation>
            <numerusform>%n contact</numerusform>
            <numerusform>%n contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) were changed both here and in the package; the version shown will be kept:</source>
        <translation>
            <numerusform>%n record was changed both here and in the package; the version shown will be kept:</numerusform>
            <numerusform>%n records were changed both here and in the package; the version shown will be kept:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) had been changed both here and in the package.</source>
        <translation>
            <numerusform>%n record had been changed both here and in the package.</numerusform>
            <numerusform>%n records had been changed both here and in the package.</numerusform>
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
    <message numerus="yes">
        <source>Liaison does not know %n of the columns (highlighted): choose what each holds, or leave it out.</source>
        <translation>
            <numerusform>Liaison does not know %n of the columns (highlighted): choose what it holds, or leave it out.</numerusform>
            <numerusform>Liaison does not know %n of the columns (highlighted): choose what each holds, or leave it out.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PartnershipEditor</name>
    <message numerus="yes">
        <source>Status default (%n day(s))</source>
        <translation>
            <numerusform>Status default (%n day)</numerusform>
            <numerusform>Status default (%n days)</numerusform>
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
    <name>RestoreDialog</name>
    <message numerus="yes">
        <source>%n contact(s)</source>
        <translation>
            <numerusform>%n contact</numerusform>
            <numerusform>%n contacts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message numerus="yes">
        <source>Show %n more…</source>
        <translation>
            <numerusform>Show %n more…</numerusform>
            <numerusform>Show %n more…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message numerus="yes">
        <source>Liaison: %n item(s) due</source>
        <translation>
            <numerusform>Liaison: %n item due</numerusform>
            <numerusform>Liaison: %n items due</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>…and %n more</source>
        <translation>
            <numerusform>…and %n more</numerusform>
            <numerusform>…and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new reminder(s)</source>
        <translation>
            <numerusform>%n new reminder</numerusform>
            <numerusform>%n new reminders</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UnexpectedErrorDialog</name>
    <message numerus="yes">
        <source>%n more error(s) happened while this message was open.</source>
        <translation>
            <numerusform>%n more error happened while this message was open.</numerusform>
            <numerusform>%n more errors happened while this message was open.</numerusform>
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
