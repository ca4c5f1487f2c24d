<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Liaison</source>
        <translation>关于 Liaison</translation>
    </message>
    <message>
        <source>Liaison %1</source>
        <translation>Liaison %1</translation>
    </message>
    <message>
        <source>The memory of a city&apos;s international relations: partners, people, visits and occasions, in English and Chinese.</source>
        <translation>城市国际交往的记忆：友城伙伴、联系人、互访和各类纪念日，中英文双语。</translation>
    </message>
    <message>
        <source>Licence:</source>
        <translation>许可协议：</translation>
    </message>
    <message>
        <source>Runs on:</source>
        <translation>运行环境：</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>数据文件夹：</translation>
    </message>
    <message>
        <source>Log folder:</source>
        <translation>日志文件夹：</translation>
    </message>
    <message>
        <source>GNU General Public License, version 3 or later</source>
        <translation>GNU 通用公共许可证第 3 版或更高版本</translation>
    </message>
    <message>
        <source>Liaison is free software: you may use, study, share and change it under the terms of this licence. It comes with no warranty.</source>
        <translation>Liaison 是自由软件：您可以依照本许可协议的条款使用、研究、分享和修改它。本软件不提供任何担保。</translation>
    </message>
    <message>
        <source>None open yet</source>
        <translation>尚未打开</translation>
    </message>
</context>
<context>
    <name>AgreementEditor</name>
    <message>
        <source>Discard your changes to this agreement?</source>
        <translation>放弃对该协议的修改？</translation>
    </message>
    <message>
        <source>Attach documents</source>
        <translation>附加文件</translation>
    </message>
    <message>
        <source>New agreement</source>
        <translation>新建协议</translation>
    </message>
    <message>
        <source>Edit agreement</source>
        <translation>编辑协议</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Signed on:</source>
        <translation>签署日期(&amp;S)：</translation>
    </message>
    <message>
        <source>Si&amp;gnatories:</source>
        <translation>签署人(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Review on:</source>
        <translation>复核日期(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Expires on:</source>
        <translation>到期日期(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Documents:</source>
        <translation>文件(&amp;D)：</translation>
    </message>
    <message>
        <source>e.g. Friendship-city agreement</source>
        <translation>如 关于建立友好城市关系的协议书</translation>
    </message>
    <message>
        <source>1985, 1986-10 or 2009-10-29</source>
        <translation>1985、1986-10 或 2009-10-29</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
</context>
<context>
    <name>Agreements</name>
    <message>
        <source>An agreement cannot expire before it was signed.</source>
        <translation>协议的到期日期不能早于签署日期。</translation>
    </message>
    <message>
        <source>MoU / friendship-city agreement</source>
        <translation>谅解备忘录 / 友好城市协议</translation>
    </message>
    <message>
        <source>Letter of intent / framework agreement</source>
        <translation>意向书 / 框架协议</translation>
    </message>
    <message>
        <source>Project agreement</source>
        <translation>项目协议</translation>
    </message>
    <message>
        <source>Contract (legally binding)</source>
        <translation>合同（具有法律约束力）</translation>
    </message>
    <message>
        <source>Not legally binding: a statement of intent between the cities.</source>
        <translation>不具有法律约束力：两市之间的意向性声明。</translation>
    </message>
    <message>
        <source>Legally binding: a contract with obligations on both sides.</source>
        <translation>具有法律约束力：双方均负有义务的合同。</translation>
    </message>
    <message>
        <source>This agreement no longer exists.</source>
        <translation>该协议已不存在。</translation>
    </message>
    <message>
        <source>This partnership no longer exists.</source>
        <translation>该友城关系已不存在。</translation>
    </message>
    <message>
        <source>This document is no longer attached.</source>
        <translation>该文件已不在附件中。</translation>
    </message>
    <message>
        <source>“{name}” is not a file that can be read.</source>
        <translation>“{name}” 不是可读取的文件。</translation>
    </message>
    <message>
        <source>The file of “{name}” is not in the database yet: it was attached on another computer before files were kept in the database, and is taken in when Liaison next starts there.</source>
        <translation>“{name}”的文件尚未存入数据库：它是在文件改为存入数据库之前于另一台电脑上添加的，那台电脑下次启动 Liaison 时会将其存入。</translation>
    </message>
    <message>
        <source>One of the chosen signatories no longer exists.</source>
        <translation>所选签署人中有人已不存在。</translation>
    </message>
</context>
<context>
    <name>Autostart</name>
    <message>
        <source>Starting Liaison at login could not be set up: {reason}</source>
        <translation>无法设置登录时启动 Liaison：{reason}</translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <source>A database on a server is backed up as a JSON export: give the file a name ending in .json.</source>
        <translation>服务器上的数据库以 JSON 导出文件的形式备份：请使用以 .json 结尾的文件名。</translation>
    </message>
    <message>
        <source>There is no database at “{where}” to back up.</source>
        <translation>“{where}”处没有可备份的数据库。</translation>
    </message>
    <message>
        <source>A backup cannot be written over the database itself.</source>
        <translation>备份不能覆盖数据库本身。</translation>
    </message>
    <message>
        <source>There is not enough free space for a backup in “{folder}”: free some and try again.</source>
        <translation>“{folder}”中的剩余空间不足以存放备份：请释放一些空间后重试。</translation>
    </message>
    <message>
        <source>Liaison may not write in “{folder}”: choose another place for the backup.</source>
        <translation>Liaison 无权在“{folder}”中写入：请为备份另选保存位置。</translation>
    </message>
    <message>
        <source>The database is busy in another program: try the backup again in a moment.</source>
        <translation>数据库正被其他程序占用：请稍后再进行备份。</translation>
    </message>
    <message>
        <source>The database “{where}” could not be read for a backup: {reason}</source>
        <translation>无法读取数据库“{where}”进行备份：{reason}</translation>
    </message>
    <message>
        <source>The backup to “{path}” could not be written: {reason}</source>
        <translation>无法将备份写入“{path}”：{reason}</translation>
    </message>
    <message>
        <source>The backup “{name}” did not read back correctly, so it was not kept.</source>
        <translation>备份“{name}”写入后未能正确读出，因此未予保留。</translation>
    </message>
    <message>
        <source>“{name}” is not a Liaison JSON export, or it is damaged: nothing was restored.</source>
        <translation>“{name}”不是 Liaison 的 JSON 导出文件，或已损坏：未恢复任何数据。</translation>
    </message>
    <message>
        <source>“{name}” ends too soon (it may have been cut short while it was copied): nothing was restored.</source>
        <translation>“{name}”不完整（可能在复制时被截断）：未恢复任何数据。</translation>
    </message>
    <message>
        <source>“{name}” was exported by a newer version of Liaison: update Liaison to restore it.</source>
        <translation>“{name}”由更新版本的 Liaison 导出：请先更新 Liaison 再恢复。</translation>
    </message>
    <message>
        <source>The database “{where}” already holds data: a JSON export is restored only into a new, empty database.</source>
        <translation>数据库“{where}”中已有数据：JSON 导出只能恢复到新的空数据库中。</translation>
    </message>
    <message>
        <source>The file “{where}” already exists: name a new file to restore into, or another database.</source>
        <translation>文件“{where}”已存在：请指定一个新文件或其他数据库作为恢复目标。</translation>
    </message>
    <message>
        <source>“{name}” does not fit this version of Liaison (table “{table}”: {reason}): nothing was restored.</source>
        <translation>“{name}”与当前版本的 Liaison 不符（表“{table}”：{reason}）：未恢复任何数据。</translation>
    </message>
    <message>
        <source>“{name}” cannot be read: {reason}</source>
        <translation>无法读取“{name}”：{reason}</translation>
    </message>
    <message>
        <source>Name the database to restore into: a new file, or a database on a server.</source>
        <translation>请指定要恢复到的数据库：一个新文件，或服务器上的一个数据库。</translation>
    </message>
</context>
<context>
    <name>BackupsBox</name>
    <message>
        <source>There is no backup yet.</source>
        <translation>尚无备份。</translation>
    </message>
    <message>
        <source>Latest backup: {age}.</source>
        <translation>最近一次备份：{age}。</translation>
    </message>
    <message>
        <source>Export the database</source>
        <translation>导出数据库</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Backed up to “{path}”.</source>
        <translation>已备份到“{path}”。</translation>
    </message>
    <message>
        <source>Exported to “{path}”.</source>
        <translation>已导出到“{path}”。</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Copies of the database file open now, kept in its backups folder.</source>
        <translation>当前打开的数据库文件的副本，保存在其备份文件夹中。</translation>
    </message>
    <message>
        <source>A database on a server is backed up by whoever looks after the server. Liaison can also export everything in it to a file, as “crm backup” does.</source>
        <translation>服务器上的数据库由服务器管理人员负责备份。Liaison 也可以像“crm backup”一样，将其中的全部数据导出到一个文件。</translation>
    </message>
    <message>
        <source>Back up automatically every da&amp;y</source>
        <translation>每天自动备份(&amp;Y)</translation>
    </message>
    <message>
        <source>Da&amp;ily backups to keep:</source>
        <translation>保留每日备份数(&amp;I)：</translation>
    </message>
    <message>
        <source>W&amp;eekly backups to keep:</source>
        <translation>保留每周备份数(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Monthly backups to keep:</source>
        <translation>保留每月备份数(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>Open backups fo&amp;lder</source>
        <translation>打开备份文件夹(&amp;L)</translation>
    </message>
    <message>
        <source>Restore from a bac&amp;kup…</source>
        <translation>从备份恢复(&amp;K)…</translation>
    </message>
    <message>
        <source>E&amp;xport now…</source>
        <translation>立即导出(&amp;X)…</translation>
    </message>
</context>
<context>
    <name>Calendar</name>
    <message>
        <source>Liaison occasions</source>
        <translation>Liaison 纪念日与节日</translation>
    </message>
    <message>
        <source>Anniversary of the partnership with {partner}</source>
        <translation>与{partner}结好纪念日</translation>
    </message>
    <message>
        <source>Partnership formalised in {year}</source>
        <translation>于 {year} 年正式结好</translation>
    </message>
    <message>
        <source>Born in {year}</source>
        <translation>生于 {year} 年</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>Sample office loaded: {created} records added.</source>
        <translation>示例办公室数据已载入：新增 {created} 条记录。</translation>
    </message>
    <message>
        <source>The sample office is already loaded: nothing added.</source>
        <translation>示例办公室数据此前已载入，未新增任何记录。</translation>
    </message>
    <message>
        <source>No contacts found.</source>
        <translation>未找到联系人。</translation>
    </message>
    <message>
        <source>Database {where}: integrity {integrity}, schema {current} (newest {head}), {contacts} contacts.</source>
        <translation>数据库 {where}：完整性 {integrity}，结构版本 {current}（最新 {head}），联系人 {contacts} 位。</translation>
    </message>
    <message>
        <source>Documents and photos not in the database yet: {count}. They were attached on computers that have not started Liaison since it keeps files in the database.</source>
        <translation>尚未存入数据库的文件和照片：{count} 个。它们是在另一些电脑上添加的，而这些电脑自 Liaison 改为在数据库中保存文件以来尚未启动过。</translation>
    </message>
    <message>
        <source>The schema is not up to date: Liaison upgrades it (after a backup) the next time it opens the database.</source>
        <translation>数据库结构不是最新版本：Liaison 下次打开该数据库时会先备份，再进行升级。</translation>
    </message>
    <message>
        <source>Latest backup: {age} (“{path}”).</source>
        <translation>最近一次备份：{age}（“{path}”）。</translation>
    </message>
    <message>
        <source>No backup yet.</source>
        <translation>尚无备份。</translation>
    </message>
    <message>
        <source>A database on a server is backed up by “crm backup” as a JSON export, which Liaison does not keep itself.</source>
        <translation>服务器上的数据库由“crm backup”以 JSON 导出文件的形式备份，Liaison 不会自行保存这些导出文件。</translation>
    </message>
    <message>
        <source>Backup written to “{path}” ({size}, in {seconds}).</source>
        <translation>备份已写入“{path}”（{size}，用时 {seconds}）。</translation>
    </message>
    <message>
        <source>Every table exported as JSON to “{path}” ({size}, in {seconds}).</source>
        <translation>所有数据表已以 JSON 格式导出到“{path}”（{size}，用时 {seconds}）。</translation>
    </message>
    <message>
        <source>Restored {rows} rows from “{name}” (exported {exported}) into “{where}”, in {seconds}.</source>
        <translation>已从“{name}”（导出于 {exported}）恢复 {rows} 行数据到“{where}”，用时 {seconds}。</translation>
    </message>
    <message>
        <source>Only a JSON export is restored here: a copy of the database file is restored in the app (File › Restore from a backup).</source>
        <translation>此处只能恢复 JSON 导出文件：数据库文件的备份副本请在应用中恢复（文件 › 从备份恢复）。</translation>
    </message>
    <message>
        <source>There is no database at “{where}”.</source>
        <translation>“{where}” 处没有数据库。</translation>
    </message>
    <message>
        <source>There is no file “{name}”.</source>
        <translation>找不到文件“{name}”。</translation>
    </message>
    <message>
        <source>Imported: {created} created, {updated} updated, {skipped} unchanged, {errors} with errors.</source>
        <translation>导入完成：新增 {created} 位，更新 {updated} 位，未变 {skipped} 位，出错 {errors} 条。</translation>
    </message>
    <message>
        <source>Dry run, nothing changed: {created} would be created, {updated} updated, {skipped} unchanged, {errors} with errors.</source>
        <translation>试运行，未作任何更改：将新增 {created} 位，更新 {updated} 位，未变 {skipped} 位，出错 {errors} 条。</translation>
    </message>
    <message>
        <source>Line {line}: {message}</source>
        <translation>第 {line} 行：{message}</translation>
    </message>
    <message>
        <source>{errors} entries could not be imported; the others were.</source>
        <translation>有 {errors} 条无法导入；其余已导入。</translation>
    </message>
    <message>
        <source>The database could not be written: {reason}</source>
        <translation>无法写入数据库：{reason}</translation>
    </message>
    <message>
        <source>Exported {count} contacts to “{path}”.</source>
        <translation>已将 {count} 位联系人导出到“{path}”。</translation>
    </message>
    <message>
        <source>Exported {count} partnerships to “{path}”.</source>
        <translation>已将 {count} 个友城关系导出到“{path}”。</translation>
    </message>
    <message>
        <source>Exported {count} delegations to “{path}”.</source>
        <translation>已将 {count} 个代表团导出到“{path}”。</translation>
    </message>
    <message>
        <source>Exported {count} occasions to “{path}”.</source>
        <translation>已将 {count} 个日程导出到“{path}”。</translation>
    </message>
    <message>
        <source>“{path}” could not be written: {reason}</source>
        <translation>无法写入“{path}”：{reason}</translation>
    </message>
    <message>
        <source>Only contacts are exported as vCards: choose json, csv or xlsx for this export.</source>
        <translation>只有联系人可以导出为 vCard：此项导出请选择 json、csv 或 xlsx。</translation>
    </message>
    <message>
        <source>{count} entries that could not be imported were written to “{path}”, to fix and import again.</source>
        <translation>已将 {count} 个无法导入的条目写入“{path}”，更正后可再次导入。</translation>
    </message>
    <message>
        <source>Every entry could be imported: “{path}” was not written.</source>
        <translation>所有条目均可导入：未写入“{path}”。</translation>
    </message>
    <message>
        <source>The calendar is exported as iCalendar only: use --format ics, or a name ending in .ics.</source>
        <translation>日历只能导出为 iCalendar 格式：请使用 --format ics，或使用以 .ics 结尾的文件名。</translation>
    </message>
    <message>
        <source>Only the calendar is exported as iCalendar: choose json, csv or xlsx for this export.</source>
        <translation>只有日历可以导出为 iCalendar：此项导出请选择 json、csv 或 xlsx。</translation>
    </message>
    <message>
        <source>“{value}” is not a date: write it as 2026-11-25.</source>
        <translation>“{value}” 不是有效日期：请写成 2026-11-25。</translation>
    </message>
    <message>
        <source>Nothing on the agenda from {date} for {days} days.</source>
        <translation>自 {date} 起 {days} 天内没有待办事项。</translation>
    </message>
    <message>
        <source>{sent} greetings sent, {skipped} people skipped, {failed} not sent.</source>
        <translation>已发送 {sent} 封问候，跳过 {skipped} 人，{failed} 封未发送。</translation>
    </message>
    <message>
        <source>{written} greetings written to “{path}”, {skipped} people skipped, {failed} not written.</source>
        <translation>已将 {written} 封问候写入“{path}”，跳过 {skipped} 人，{failed} 封未写入。</translation>
    </message>
    <message>
        <source>Dry run, nothing sent, written or logged: {ready} greetings ready, {skipped} people skipped, {failed} that could not be sent.</source>
        <translation>试运行，未发送、写入或记录任何内容：{ready} 封问候已就绪，跳过 {skipped} 人，{failed} 封无法发送。</translation>
    </message>
    <message>
        <source>Skipped {name}: {reason}</source>
        <translation>已跳过 {name}：{reason}</translation>
    </message>
    <message>
        <source>Not sent to {name} &lt;{to}&gt;: {reason}</source>
        <translation>未发送给 {name} &lt;{to}&gt;：{reason}</translation>
    </message>
    <message>
        <source>{failed} greetings could not be sent; the others were.</source>
        <translation>有 {failed} 封问候未能发送，其余均已发送。</translation>
    </message>
    <message>
        <source>Password for {user} on {host}: </source>
        <translation>{host} 上 {user} 的密码：</translation>
    </message>
</context>
<context>
    <name>CommandPalette</name>
    <message>
        <source>No command matches “%1”.</source>
        <translation>没有与“%1”匹配的命令。</translation>
    </message>
    <message>
        <source>Type a command, e.g. “import” or “new visit”…</source>
        <translation>输入命令，例如“导入”或“新建访问”…</translation>
    </message>
    <message>
        <source>Command palette</source>
        <translation>命令面板</translation>
    </message>
    <message>
        <source>Commands</source>
        <translation>命令</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Their changes are now in the form beside yours (where you both changed a field, yours is shown): check it, then save.</source>
        <translation>对方的修改已与您的修改一并填入表单（双方都修改过的字段显示您的内容）：请核对后保存。</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>已被他人修改</translation>
    </message>
    <message>
        <source>Their version is saved; yours is not yet. What differs is highlighted: choose which version to keep.</source>
        <translation>对方的版本已保存，您的版本尚未保存。不同之处已突出显示：请选择保留哪个版本。</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Your version</source>
        <translation>您的版本</translation>
    </message>
    <message>
        <source>Their version</source>
        <translation>对方的版本</translation>
    </message>
    <message>
        <source>Keep &amp;mine</source>
        <translation>保留我的版本(&amp;M)</translation>
    </message>
    <message>
        <source>Save your version: it replaces theirs, including the highlighted fields.</source>
        <translation>保存您的版本：将替换对方的版本，包括突出显示的字段。</translation>
    </message>
    <message>
        <source>Keep &amp;theirs</source>
        <translation>保留对方的版本(&amp;T)</translation>
    </message>
    <message>
        <source>Keep the version they saved and drop your changes.</source>
        <translation>保留对方保存的版本，放弃您的修改。</translation>
    </message>
    <message>
        <source>&amp;Back to editing</source>
        <translation>返回编辑(&amp;B)</translation>
    </message>
    <message>
        <source>Go back to your changes, with theirs added to the fields you did not change; save when the form is as it should be.</source>
        <translation>返回您的修改，您未改动的字段将填入对方的修改；确认表单内容无误后再保存。</translation>
    </message>
</context>
<context>
    <name>ConflictFields</name>
    <message>
        <source>Family name</source>
        <translation>姓</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>名</translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation>中文姓名</translation>
    </message>
    <message>
        <source>Honorific</source>
        <translation>称谓</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Position in Chinese</source>
        <translation>中文职务</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>E-mails</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>WeChat ID</source>
        <translation>微信号</translation>
    </message>
    <message>
        <source>Preferred language</source>
        <translation>首选语言</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Keep in touch</source>
        <translation>保持联系</translation>
    </message>
    <message>
        <source>Successor of</source>
        <translation>前任</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Partner city</source>
        <translation>伙伴城市</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Formalised on</source>
        <translation>结好时间</translation>
    </message>
    <message>
        <source>Cooperation areas</source>
        <translation>合作领域</translation>
    </message>
    <message>
        <source>Champions</source>
        <translation>关键人物</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Partnership</source>
        <translation>友城关系</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>团长</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>来访目的</translation>
    </message>
    <message>
        <source>Itinerary</source>
        <translation>日程</translation>
    </message>
    <message>
        <source>Gifts</source>
        <translation>礼品</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>跟进事项</translation>
    </message>
    <message>
        <source>Outcomes</source>
        <translation>成果</translation>
    </message>
    <message>
        <source>As its tags say</source>
        <translation>按标签设置</translation>
    </message>
    <message>
        <source>Status default</source>
        <translation>按状态默认</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message numerus="yes">
        <source>Every %n day(s)</source>
        <translation>
            <numerusform>每 %n 天</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Conflicts</name>
    <message>
        <source>{name} was changed by {who} at {time} — review the changes.</source>
        <translation>{who}已于 {time} 修改了{name}，请查看修改内容。</translation>
    </message>
    <message>
        <source>{name} was changed by {who} on {date} at {time} — review the changes.</source>
        <translation>{who}已于 {date} {time} 修改了{name}，请查看修改内容。</translation>
    </message>
    <message>
        <source>{name} was changed elsewhere at {time} — review the changes.</source>
        <translation>{name}已于 {time} 在别处被修改，请查看修改内容。</translation>
    </message>
    <message>
        <source>{name} was changed elsewhere on {date} at {time} — review the changes.</source>
        <translation>{name}已于 {date} {time} 在别处被修改，请查看修改内容。</translation>
    </message>
    <message>
        <source>{name} no longer exists: it was deleted elsewhere after you opened it, so nothing was saved.</source>
        <translation>{name}已不存在：在您打开之后，它已在别处被删除，因此未保存任何内容。</translation>
    </message>
</context>
<context>
    <name>Connection</name>
    <message>
        <source>There is no database at “{where}” yet: Liaison will create it there.</source>
        <translation>“{where}”处尚无数据库：Liaison 将在该处创建。</translation>
    </message>
    <message>
        <source>“{where}” is an empty database: Liaison will create its tables in it.</source>
        <translation>“{where}”是一个空数据库：Liaison 将在其中创建所需的数据表。</translation>
    </message>
    <message>
        <source>“{where}” is a Liaison database, ready to use.</source>
        <translation>“{where}”是 Liaison 数据库，可以直接使用。</translation>
    </message>
    <message>
        <source>“{where}” is a Liaison database of an earlier version: Liaison will back it up and upgrade it when it opens it.</source>
        <translation>“{where}”是旧版本的 Liaison 数据库：Liaison 打开时会先备份再升级。</translation>
    </message>
    <message>
        <source>Connected to {server}: the database is empty, and Liaison will create its tables in it.</source>
        <translation>已连接到 {server}：数据库为空，Liaison 将在其中创建所需的数据表。</translation>
    </message>
    <message>
        <source>Connected to {server}: the database is a Liaison database, ready to use.</source>
        <translation>已连接到 {server}：该数据库是 Liaison 数据库，可以直接使用。</translation>
    </message>
    <message>
        <source>Connected to {server}: the database is a Liaison database of an earlier version, which Liaison will upgrade when it opens it.</source>
        <translation>已连接到 {server}：该数据库是旧版本的 Liaison 数据库，Liaison 打开时会将其升级。</translation>
    </message>
    <message>
        <source>This is not a database address Liaison understands.</source>
        <translation>Liaison 无法识别此数据库地址。</translation>
    </message>
    <message>
        <source>Liaison cannot connect to “{kind}” databases: use a file on this computer or a PostgreSQL server.</source>
        <translation>Liaison 无法连接“{kind}”类型的数据库：请使用本机上的文件或 PostgreSQL 服务器。</translation>
    </message>
    <message>
        <source>A database kept in memory is lost when Liaison closes: choose a file or a server.</source>
        <translation>内存中的数据库会在 Liaison 关闭时丢失：请选择一个文件或服务器。</translation>
    </message>
    <message>
        <source>“{where}” is a folder, not a database file.</source>
        <translation>“{where}”是一个文件夹，不是数据库文件。</translation>
    </message>
    <message>
        <source>Liaison may not create a database in “{folder}”: choose another folder.</source>
        <translation>Liaison 无权在“{folder}”中创建数据库：请选择其他文件夹。</translation>
    </message>
    <message>
        <source>The database server asks for a password: type it in and try again.</source>
        <translation>数据库服务器要求输入密码：请输入后重试。</translation>
    </message>
    <message>
        <source>The server has no database named “{name}”: ask whoever looks after the server to create it.</source>
        <translation>服务器上没有名为“{name}”的数据库：请联系服务器管理人员创建。</translation>
    </message>
    <message>
        <source>To use a database on a server, give the server, the database and your user name.</source>
        <translation>要使用服务器上的数据库，请填写服务器、数据库名和您的用户名。</translation>
    </message>
    <message>
        <source>No system keyring is available to keep the database password, so it was not saved.</source>
        <translation>系统没有可用的密钥环来保存数据库密码，因此未保存密码。</translation>
    </message>
</context>
<context>
    <name>ContactEditor</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>新建联系人</translation>
    </message>
    <message>
        <source>Edit contact — {name}</source>
        <translation>编辑联系人 — {name}</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>工作</translation>
    </message>
    <message>
        <source>Contact details</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <source>Personal</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Family name:</source>
        <translation>姓：</translation>
    </message>
    <message>
        <source>Given name:</source>
        <translation>名：</translation>
    </message>
    <message>
        <source>Chinese name:</source>
        <translation>中文姓名：</translation>
    </message>
    <message>
        <source>Honorific:</source>
        <translation>称谓：</translation>
    </message>
    <message>
        <source>Position:</source>
        <translation>职务：</translation>
    </message>
    <message>
        <source>Position in Chinese:</source>
        <translation>中文职务：</translation>
    </message>
    <message>
        <source>Organisation:</source>
        <translation>单位：</translation>
    </message>
    <message>
        <source>E-mails:</source>
        <translation>电子邮箱：</translation>
    </message>
    <message>
        <source>Phones:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <source>WeChat ID:</source>
        <translation>微信号：</translation>
    </message>
    <message>
        <source>Preferred language:</source>
        <translation>首选语言：</translation>
    </message>
    <message>
        <source>Birthday:</source>
        <translation>生日：</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>Owner:</source>
        <translation>负责人：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Keep in touch:</source>
        <translation>保持联系：</translation>
    </message>
    <message>
        <source>Successor of:</source>
        <translation>前任：</translation>
    </message>
    <message>
        <source>e.g. Wang, Müller</source>
        <translation>如 Wang、Müller</translation>
    </message>
    <message>
        <source>e.g. Fang, Katrin</source>
        <translation>如 Fang、Katrin</translation>
    </message>
    <message>
        <source>e.g. 王芳</source>
        <translation>如 王芳</translation>
    </message>
    <message>
        <source>e.g. Division Director</source>
        <translation>如 Division Director</translation>
    </message>
    <message>
        <source>e.g. 欧洲处处长</source>
        <translation>如 欧洲处处长</translation>
    </message>
    <message>
        <source>Add an e-mail address</source>
        <translation>添加电子邮箱</translation>
    </message>
    <message>
        <source>Add a phone number</source>
        <translation>添加电话号码</translation>
    </message>
    <message>
        <source>1980-04-15, or --04-15 without a year</source>
        <translation>1980-04-15，不知年份时写 --04-15</translation>
    </message>
    <message>
        <source>Separated by commas, e.g. VIP, greeting list</source>
        <translation>用逗号分隔，如 VIP, 节日问候</translation>
    </message>
    <message>
        <source>What a successor should know</source>
        <translation>继任者应当了解的情况</translation>
    </message>
    <message>
        <source>The contact this person took over from: type part of a name to search.</source>
        <translation>此人接替的前任联系人：输入部分姓名即可搜索。</translation>
    </message>
    <message>
        <source>The staff member who looks after this contact</source>
        <translation>负责维护该联系人的工作人员</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <source>Add an organisation</source>
        <translation>添加单位</translation>
    </message>
    <message>
        <source>Add a staff member</source>
        <translation>添加工作人员</translation>
    </message>
    <message>
        <source>Gregorian calendar</source>
        <translation>公历</translation>
    </message>
    <message>
        <source>Lunar calendar</source>
        <translation>农历</translation>
    </message>
    <message>
        <source>Leap month</source>
        <translation>闰月</translation>
    </message>
    <message>
        <source>Born in a leap (intercalary) lunar month; needs the year of birth.</source>
        <translation>生于农历闰月；须填写出生年份。</translation>
    </message>
    <message>
        <source>A lunar birthday holds the lunar month and day: --08-15 is the 15th day of the 8th lunar month.</source>
        <translation>农历生日填写农历的月和日：--08-15 即农历八月十五。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save the contact (Ctrl+S)</source>
        <translation>保存联系人（Ctrl+S）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>As its tags say</source>
        <translation>按标签设置</translation>
    </message>
    <message>
        <source>Never remind me</source>
        <translation>从不提醒</translation>
    </message>
    <message>
        <source>Every … days</source>
        <translation>每隔若干天</translation>
    </message>
    <message>
        <source>When to remind you if there has been no interaction with this contact. A contact is watched only if you choose an interval here or one of its tags has one.</source>
        <translation>与此联系人多久没有往来时提醒您。只有在此处选择了间隔，或其某个标签设有间隔时，才会提醒。</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Days without an interaction</source>
        <translation>无往来的天数</translation>
    </message>
    <message>
        <source>Pinyin: {pinyin}</source>
        <translation>拼音：{pinyin}</translation>
    </message>
    <message>
        <source>Contact deleted</source>
        <translation>联系人已被删除</translation>
    </message>
    <message>
        <source>Save your version as a new contact?</source>
        <translation>将您的版本另存为新联系人？</translation>
    </message>
    <message>
        <source>Save as new</source>
        <translation>另存为新联系人</translation>
    </message>
    <message>
        <source>Back to editing</source>
        <translation>返回编辑</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>Discard your changes to this contact?</source>
        <translation>放弃对该联系人的修改？</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
</context>
<context>
    <name>ContactHistoryDialog</name>
    <message>
        <source>No interaction logged yet</source>
        <translation>尚无交往记录</translation>
    </message>
    <message>
        <source>Last contact: %1</source>
        <translation>最近联系：%1</translation>
    </message>
    <message>
        <source>History — {name}</source>
        <translation>交往历史 — {name}</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>交往记录</translation>
    </message>
    <message>
        <source>Log interaction…</source>
        <translation>记录交往…</translation>
    </message>
    <message>
        <source>Nothing logged with this person yet. Log a meeting, a call or a greeting.</source>
        <translation>尚无与此人的交往记录。可记录一次会见、电话或问候。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ContactListPicker</name>
    <message>
        <source>Type a name, 汉字 or pinyin to add someone</source>
        <translation>输入姓名、汉字或拼音以添加人员</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove the selected people from the list (Del)</source>
        <translation>从列表中移除所选人员（Del）</translation>
    </message>
</context>
<context>
    <name>Contacts</name>
    <message>
        <source>Active</source>
        <translation>在职</translation>
    </message>
    <message>
        <source>Moved on</source>
        <translation>已调离</translation>
    </message>
    <message>
        <source>Deceased</source>
        <translation>已故</translation>
    </message>
    <message>
        <source>Give a family name, a given name or a Chinese name.</source>
        <translation>请填写姓、名或中文姓名。</translation>
    </message>
    <message>
        <source>“{value}” is not an e-mail address.</source>
        <translation>“{value}” 不是有效的电子邮箱地址。</translation>
    </message>
    <message>
        <source>“{value}” is not a phone number.</source>
        <translation>“{value}” 不是有效的电话号码。</translation>
    </message>
    <message>
        <source>A contact cannot succeed themselves.</source>
        <translation>联系人不能是自己的继任者。</translation>
    </message>
    <message>
        <source>This text is too long (at most {limit} characters).</source>
        <translation>内容过长（最多 {limit} 个字符）。</translation>
    </message>
    <message>
        <source>Keep in touch every 1 to {limit} days, or never.</source>
        <translation>保持联系的间隔应为 1 至 {limit} 天，或从不提醒。</translation>
    </message>
    <message>
        <source>This contact no longer exists.</source>
        <translation>该联系人已不存在。</translation>
    </message>
    <message>
        <source>The chosen organisation no longer exists.</source>
        <translation>所选单位已不存在。</translation>
    </message>
    <message>
        <source>The chosen owner is not a staff member.</source>
        <translation>所选负责人不是本办工作人员。</translation>
    </message>
    <message>
        <source>The contact this one succeeds no longer exists.</source>
        <translation>其前任联系人已不存在。</translation>
    </message>
</context>
<context>
    <name>ContactsModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation>中文姓名</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>archived</source>
        <translation>已归档</translation>
    </message>
</context>
<context>
    <name>ContactsPage</name>
    <message>
        <source>No contact matches “%1”.</source>
        <translation>没有与“%1”匹配的联系人。</translation>
    </message>
    <message>
        <source>%1 of %2 contacts</source>
        <translation>%1 / %2 位联系人</translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s)</source>
        <translation>
            <numerusform>共 %n 位联系人</numerusform>
        </translation>
    </message>
    <message>
        <source>Restore from archive</source>
        <translation>从归档中恢复</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Contact saved.</source>
        <translation>联系人已保存。</translation>
    </message>
    <message numerus="yes">
        <source>Restore %n contact(s) from the archive</source>
        <translation>
            <numerusform>从归档中恢复 %n 位联系人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Archive %n contact(s)? Archived contacts are hidden from the list and reminders; you can restore them at any time.</source>
        <translation>
            <numerusform>归档 %n 位联系人？归档后将不再显示在列表和提醒中，可随时恢复。</numerusform>
        </translation>
    </message>
    <message>
        <source>Archive contacts</source>
        <translation>归档联系人</translation>
    </message>
    <message numerus="yes">
        <source>Archive %n contact(s)</source>
        <translation>
            <numerusform>归档 %n 位联系人</numerusform>
        </translation>
    </message>
    <message>
        <source>Undo with Ctrl+Z.</source>
        <translation>按 Ctrl+Z 可撤销。</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n contact(s)? You can undo this with Ctrl+Z until you close Liaison.</source>
        <translation>
            <numerusform>删除 %n 位联系人？在关闭 Liaison 之前，可按 Ctrl+Z 撤销。</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete contacts</source>
        <translation>删除联系人</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n contact(s)</source>
        <translation>
            <numerusform>删除 %n 位联系人</numerusform>
        </translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Search by name, 汉字, pinyin, e-mail, organisation or tag (Ctrl+F)</source>
        <translation>按姓名、汉字、拼音、邮箱、单位或标签搜索（Ctrl+F）</translation>
    </message>
    <message>
        <source>Show archived</source>
        <translation>显示已归档</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>新建联系人</translation>
    </message>
    <message>
        <source>No contacts yet</source>
        <translation>还没有联系人</translation>
    </message>
    <message>
        <source>Liaison keeps the people behind your city&apos;s partnerships. Add your first contact, load a sample office to look around, or import an address book.</source>
        <translation>Liaison 记录着支撑本市友好城市关系的每一位联系人。您可以添加第一位联系人、载入示例办公室数据先行体验，或导入通讯录。</translation>
    </message>
    <message>
        <source>Add a contact</source>
        <translation>添加联系人</translation>
    </message>
    <message>
        <source>Load sample data</source>
        <translation>载入示例数据</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Search looks at names in Latin letters, Chinese characters and pinyin (wangfang or wf), e-mail addresses, organisations and tags.</source>
        <translation>可按拉丁字母姓名、汉字、拼音（如 wangfang 或 wf）、电子邮箱、单位和标签搜索。</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>清除搜索</translation>
    </message>
    <message>
        <source>&amp;New contact…</source>
        <translation>新建联系人(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Edit contact…</source>
        <translation>编辑联系人(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;History and timeline…</source>
        <translation>交往历史与时间线(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Gifts given and received…</source>
        <translation>赠送与收到的礼品(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Load &amp;sample data</source>
        <translation>载入示例数据(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Import contacts…</source>
        <translation>导入联系人(&amp;I)…</translation>
    </message>
</context>
<context>
    <name>DatabasePage</name>
    <message>
        <source>Liaison is working on “{where}” now, and opens the database chosen here the next time it starts.</source>
        <translation>Liaison 当前使用的是“{where}”，下次启动时将打开此处选择的数据库。</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Where the data lives</source>
        <translation>数据存放位置</translation>
    </message>
    <message>
        <source>On &amp;this computer</source>
        <translation>本机(&amp;T)</translation>
    </message>
    <message>
        <source>Show in &amp;folder</source>
        <translation>在文件夹中显示(&amp;F)</translation>
    </message>
    <message>
        <source>On the office&apos;s shared &amp;server</source>
        <translation>办公室共享服务器(&amp;S)</translation>
    </message>
    <message>
        <source>Se&amp;rver:</source>
        <translation>服务器(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Default: {port}, the usual port of PostgreSQL.</source>
        <translation>默认：{port}，PostgreSQL 的常用端口。</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>数据库(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>Kept in the system keyring, not here</source>
        <translation>保存在系统密钥环中，而非此处</translation>
    </message>
    <message>
        <source>Test co&amp;nnection</source>
        <translation>测试连接(&amp;N)</translation>
    </message>
    <message>
        <source>Connects to the database chosen here without changing anything in it.</source>
        <translation>连接此处选择的数据库，不会对其做任何更改。</translation>
    </message>
</context>
<context>
    <name>Dates</name>
    <message>
        <source>“{value}” is not a date: write it as 2024-05-31, 2024-05, 2024 or --05-31.</source>
        <translation>“{value}” 不是有效日期：请写成 2024-05-31、2024-05、2024 或 --05-31。</translation>
    </message>
    <message>
        <source>{value} does not exist in the calendar.</source>
        <translation>日历中没有 {value} 这一天。</translation>
    </message>
    <message>
        <source>A birthday cannot be in the future.</source>
        <translation>生日不能晚于今天。</translation>
    </message>
    <message>
        <source>The year {year} is too far in the past for a birthday.</source>
        <translation>{year} 年作为生日年份过早。</translation>
    </message>
    <message>
        <source>A lunar date has a month from 1 to 12 and a day from 1 to 30.</source>
        <translation>农历日期的月份为 1 至 12，日为 1 至 30。</translation>
    </message>
    <message>
        <source>The lunar year {year} has no leap month {month}.</source>
        <translation>农历 {year} 年没有闰 {month} 月。</translation>
    </message>
    <message>
        <source>Lunar month {month} of {year} has only {days} days.</source>
        <translation>农历 {year} 年 {month} 月只有 {days} 天。</translation>
    </message>
    <message>
        <source>A birthday in a leap month needs its year.</source>
        <translation>闰月生日须填写年份。</translation>
    </message>
    <message>
        <source>lunar {month}/{day}</source>
        <translation>农历 {month}/{day}</translation>
    </message>
    <message>
        <source>lunar leap {month}/{day}</source>
        <translation>农历闰 {month}/{day}</translation>
    </message>
    <message>
        <source>{year}, lunar {month}/{day}</source>
        <translation>{year} 年农历 {month}/{day}</translation>
    </message>
    <message>
        <source>{year}, lunar leap {month}/{day}</source>
        <translation>{year} 年农历闰 {month}/{day}</translation>
    </message>
    <message>
        <source>“{value}” is not a date: write it as 2027-05-31.</source>
        <translation>“{value}” 不是有效日期：请写成 2027-05-31。</translation>
    </message>
</context>
<context>
    <name>DelegationEditor</name>
    <message>
        <source>New visit</source>
        <translation>新建访问</translation>
    </message>
    <message>
        <source>Visit — {title}</source>
        <translation>访问 — {title}</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save the visit (Ctrl+S)</source>
        <translation>保存访问（Ctrl+S）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Prepare the visit…</source>
        <translation>访前准备…</translation>
    </message>
    <message>
        <source>Who is coming, their titles in both languages and our history with each</source>
        <translation>来访人员名单、双语职务及我方与每人的交往历史</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Itinerary</source>
        <translation>日程</translation>
    </message>
    <message>
        <source>Gifts</source>
        <translation>礼品</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>跟进事项</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>访问</translation>
    </message>
    <message>
        <source>Outcomes</source>
        <translation>成果</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>Discard your changes to this visit?</source>
        <translation>放弃对该访问的修改？</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
</context>
<context>
    <name>DelegationPreparation</name>
    <message>
        <source>Prepare the visit</source>
        <translation>访前准备</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>dates not yet known</source>
        <translation>日期待定</translation>
    </message>
    <message>
        <source>Purpose:</source>
        <translation>来访目的：</translation>
    </message>
    <message>
        <source>Who is coming ({n})</source>
        <translation>来访人员（{n} 人）</translation>
    </message>
    <message>
        <source>No members yet: add them on the Members tab.</source>
        <translation>尚无成员：请在“成员”选项卡中添加。</translation>
    </message>
    <message>
        <source>leader of the delegation</source>
        <translation>团长</translation>
    </message>
    <message>
        <source>nothing recorded</source>
        <translation>无记录</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Earlier visits</source>
        <translation>以往访问</translation>
    </message>
    <message>
        <source>We gave them</source>
        <translation>我方赠礼</translation>
    </message>
    <message>
        <source>They gave us</source>
        <translation>对方赠礼</translation>
    </message>
    <message>
        <source>Latest contacts</source>
        <translation>最近联系</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>日程安排</translation>
    </message>
    <message>
        <source>to {name}</source>
        <translation>赠予 {name}</translation>
    </message>
    <message>
        <source>from {name}</source>
        <translation>来自 {name}</translation>
    </message>
    <message>
        <source>Gifts of this visit</source>
        <translation>本次访问的礼品</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Still to do with this partner</source>
        <translation>与该伙伴城市的待办事项</translation>
    </message>
</context>
<context>
    <name>Delegations</name>
    <message>
        <source>Give the visit a title.</source>
        <translation>请填写访问标题。</translation>
    </message>
    <message>
        <source>“{value}” is not a date: write it as 2025-05-31.</source>
        <translation>“{value}” 不是有效日期：请写成 2025-05-31。</translation>
    </message>
    <message>
        <source>The visit cannot end before it starts.</source>
        <translation>访问的结束日期不能早于开始日期。</translation>
    </message>
    <message>
        <source>Give the first day of the visit too.</source>
        <translation>请同时填写访问的开始日期。</translation>
    </message>
    <message>
        <source>The same person is listed twice among the members.</source>
        <translation>成员中有同一人被重复列出。</translation>
    </message>
    <message>
        <source>Say what happens at this point of the programme.</source>
        <translation>请填写该项日程的活动内容。</translation>
    </message>
    <message>
        <source>This day of the programme is outside the dates of the visit.</source>
        <translation>该项日程的日期不在访问日期范围内。</translation>
    </message>
    <message>
        <source>“{value}” is not a time: write it as 09:30.</source>
        <translation>“{value}” 不是有效时间：请写成 09:30。</translation>
    </message>
    <message>
        <source>This text is too long (at most {limit} characters).</source>
        <translation>内容过长（最多 {limit} 个字符）。</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>来访</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>出访</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>计划中</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>This visit no longer exists.</source>
        <translation>该访问已不存在。</translation>
    </message>
    <message>
        <source>The chosen partnership no longer exists.</source>
        <translation>所选友城关系已不存在。</translation>
    </message>
    <message>
        <source>A person on the list no longer exists.</source>
        <translation>列表中有人员已不存在。</translation>
    </message>
</context>
<context>
    <name>Duplicates</name>
    <message>
        <source>Same e-mail address</source>
        <translation>电子邮件地址相同</translation>
    </message>
    <message>
        <source>Same phone number</source>
        <translation>电话号码相同</translation>
    </message>
    <message>
        <source>Same Chinese name</source>
        <translation>中文姓名相同</translation>
    </message>
    <message>
        <source>Chinese names read the same in pinyin</source>
        <translation>中文姓名拼音相同</translation>
    </message>
    <message>
        <source>Same name</source>
        <translation>姓名相同</translation>
    </message>
    <message>
        <source>Similar names</source>
        <translation>姓名相近</translation>
    </message>
    <message>
        <source>Same organisation</source>
        <translation>单位相同</translation>
    </message>
    <message>
        <source>A contact cannot be merged with itself.</source>
        <translation>联系人不能与自身合并。</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message numerus="yes">
        <source>Every %n day(s)</source>
        <translation>
            <numerusform>每 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>Merge “%1” into “%2”</source>
        <translation>将“%1”合并到“%2”</translation>
    </message>
    <message>
        <source>Not the same person</source>
        <translation>不是同一人</translation>
    </message>
    <message>
        <source>Possible duplicates</source>
        <translation>可能重复的联系人</translation>
    </message>
    <message>
        <source>Contacts that are probably the same person</source>
        <translation>可能是同一人的联系人</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Possible duplicate</source>
        <translation>可能的重复项</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>相似度</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>E-mail addresses, phone numbers and tags of both are kept and their notes are joined; everything logged with either person stays with the merged contact.</source>
        <translation>两人的电子邮件地址、电话号码和标签都会保留，备注合并在一起；与任一人相关的所有记录都归入合并后的联系人。</translation>
    </message>
    <message>
        <source>No possible duplicates found</source>
        <translation>未发现可能重复的联系人</translation>
    </message>
    <message>
        <source>Liaison compares names in Latin letters and in Chinese, e-mail addresses and phone numbers. Pairs marked as not the same person are not shown again.</source>
        <translation>Liaison 会比较拉丁字母和中文姓名、电子邮件地址及电话号码。标为“不是同一人”的配对不会再次显示。</translation>
    </message>
    <message>
        <source>Merge into &amp;left</source>
        <translation>合并到左侧(&amp;L)</translation>
    </message>
    <message>
        <source>Keep the contact on the left, with everything of the one on the right.</source>
        <translation>保留左侧联系人，并并入右侧联系人的全部信息。</translation>
    </message>
    <message>
        <source>Merge into &amp;right</source>
        <translation>合并到右侧(&amp;R)</translation>
    </message>
    <message>
        <source>Keep the contact on the right, with everything of the one on the left.</source>
        <translation>保留右侧联系人，并并入左侧联系人的全部信息。</translation>
    </message>
    <message>
        <source>&amp;Not the same person</source>
        <translation>不是同一人(&amp;N)</translation>
    </message>
    <message>
        <source>Two people: do not propose this pair again.</source>
        <translation>两个不同的人：不再提示此配对。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>姓</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>名</translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation>中文姓名</translation>
    </message>
    <message>
        <source>Honorific</source>
        <translation>称谓</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Position in Chinese</source>
        <translation>中文职务</translation>
    </message>
    <message>
        <source>WeChat ID</source>
        <translation>微信号</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Successor of</source>
        <translation>接替</translation>
    </message>
    <message>
        <source>Keep in touch</source>
        <translation>保持联系</translation>
    </message>
    <message>
        <source>E-mail addresses</source>
        <translation>电子邮件地址</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Looking for possible duplicates…</source>
        <translation>正在查找可能重复的联系人…</translation>
    </message>
    <message numerus="yes">
        <source>The %n likeliest possible duplicates: merge or dismiss some to see more.</source>
        <translation>
            <numerusform>最可能重复的 %n 对：合并或排除一些后可查看更多。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n possible duplicate(s).</source>
        <translation>
            <numerusform>%n 对可能重复。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EmptyOffice</name>
    <message>
        <source>Sample office loaded.</source>
        <translation>示例数据已载入。</translation>
    </message>
    <message>
        <source>The sample office is already loaded.</source>
        <translation>示例数据已经载入过了。</translation>
    </message>
    <message>
        <source>Import contacts</source>
        <translation>导入联系人</translation>
    </message>
    <message>
        <source>Address books and spreadsheets (*.vcf *.vcard *.csv *.xlsx);;All files (*)</source>
        <translation>通讯录和电子表格 (*.vcf *.vcard *.csv *.xlsx);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <source>“{name}” is larger than {limit} MB, too large to keep in the database.</source>
        <translation>“{name}”超过 {limit} MB，太大，无法存入数据库。</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>Give your name: colleagues see it on what you add and change.</source>
        <translation>请填写您的姓名：同事会在您添加和修改的内容上看到它。</translation>
    </message>
    <message>
        <source>Give our city&apos;s name, in English or in Chinese.</source>
        <translation>请填写本市名称（英文或中文）。</translation>
    </message>
    <message>
        <source>Choose our city&apos;s country.</source>
        <translation>请选择本市所在的国家。</translation>
    </message>
    <message>
        <source>“{value}” is not a country Liaison knows.</source>
        <translation>Liaison 不认识“{value}”这个国家。</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Every day at {time}; Liaison starts when you log in.</source>
        <translation>每天 {time}；登录时自动启动 Liaison。</translation>
    </message>
    <message>
        <source>Every day at {time}, while Liaison is running.</source>
        <translation>每天 {time}（Liaison 运行期间）。</translation>
    </message>
    <message>
        <source>As given when Liaison was started</source>
        <translation>按启动 Liaison 时指定的数据库</translation>
    </message>
    <message>
        <source>On this computer, in {path}</source>
        <translation>保存在本机：{path}</translation>
    </message>
    <message>
        <source>On the office&apos;s server: {address}</source>
        <translation>保存在办公室服务器上：{address}</translation>
    </message>
    <message>
        <source>Welcome to Liaison</source>
        <translation>欢迎使用 Liaison</translation>
    </message>
    <message>
        <source>A few questions to set Liaison up for your office: it takes a minute.</source>
        <translation>回答几个问题，即可为您的办公室设置好 Liaison，只需一分钟。</translation>
    </message>
    <message>
        <source>Liaison keeps your city&apos;s partnerships alive: the people behind them, in Latin letters and in Chinese, the agreements, the visits both ways, and the anniversaries, birthdays and festivals to greet them on. Everything you set up here can be changed later in File › Settings.</source>
        <translation>Liaison 帮助您维系本市的友城关系：关系背后的人（拉丁字母和中文姓名）、协议、双向互访，以及需要致以问候的纪念日、生日和节日。这里的所有设置以后都可以在“文件 › 设置”中修改。</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>On this computer, for you alone; or in your office&apos;s shared database on a server, so that colleagues work on the same contacts and partnerships.</source>
        <translation>保存在本机仅供您使用，或保存在办公室服务器上供同事共用。</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>Every day Liaison looks for what is coming: anniversaries, birthdays, festivals, follow-ups and partners not heard from for a long time.</source>
        <translation>Liaison 每天查看纪念日、生日、节日、跟进事项和久未联系的伙伴。</translation>
    </message>
    <message>
        <source>Check for reminders every &amp;day at:</source>
        <translation>每天检查提醒的时间(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Start Liaison when I log in</source>
        <translation>登录时启动 Liaison(&amp;S)</translation>
    </message>
    <message>
        <source>Liaison then waits in the tray and tells you of new reminders without being opened.</source>
        <translation>Liaison 会在托盘中待命，无需打开窗口即可通知您新的提醒。</translation>
    </message>
    <message>
        <source>Our office</source>
        <translation>本办公室</translation>
    </message>
    <message>
        <source>The city your office works for, and your name as colleagues will see it.</source>
        <translation>您的办公室所服务的城市，以及同事们将看到的您的姓名。</translation>
    </message>
    <message>
        <source>Our &amp;city:</source>
        <translation>本市(&amp;C)：</translation>
    </message>
    <message>
        <source>Our city in C&amp;hinese:</source>
        <translation>本市中文名(&amp;H)：</translation>
    </message>
    <message>
        <source>C&amp;ountry:</source>
        <translation>国家(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Your name:</source>
        <translation>您的姓名(&amp;Y)：</translation>
    </message>
    <message>
        <source>Type to find it, e.g. Norway</source>
        <translation>输入以查找，例如“挪威”</translation>
    </message>
    <message>
        <source>You become a member of staff: what you add is yours to look after, and colleagues see your name on what you change.</source>
        <translation>您将成为工作人员：您添加的内容由您负责跟进，同事们会在您修改的内容上看到您的姓名。</translation>
    </message>
    <message>
        <source>Ready to start</source>
        <translation>准备就绪</translation>
    </message>
    <message>
        <source>Liaison starts with these settings. File › Settings changes any of them.</source>
        <translation>Liaison 将使用以下设置启动。其中任何一项都可以在“文件 › 设置”中修改。</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Our city:</source>
        <translation>本市：</translation>
    </message>
    <message>
        <source>Country:</source>
        <translation>国家：</translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation>您的姓名：</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <source>Reminders:</source>
        <translation>提醒：</translation>
    </message>
    <message>
        <source>Press Finish to open Liaison. Its Today page then offers a sample office to look around in, or to import your address book.</source>
        <translation>点击“完成”打开 Liaison。“今天”页面随后会提供示例数据供您浏览，或让您导入通讯录。</translation>
    </message>
</context>
<context>
    <name>FollowUps</name>
    <message>
        <source>Say what has to be done.</source>
        <translation>请填写需要办理的事项。</translation>
    </message>
    <message>
        <source>“{value}” is not a date: write it as 2025-05-31.</source>
        <translation>“{value}” 不是有效日期：请写成 2025-05-31。</translation>
    </message>
    <message>
        <source>This follow-up no longer exists.</source>
        <translation>该跟进事项已不存在。</translation>
    </message>
    <message>
        <source>The staff member chosen is no longer in the office list.</source>
        <translation>所选工作人员已不在本办人员名单中。</translation>
    </message>
    <message>
        <source>The visit of this follow-up no longer exists.</source>
        <translation>该跟进事项所属的访问已不存在。</translation>
    </message>
    <message>
        <source>The partnership of this follow-up no longer exists.</source>
        <translation>该跟进事项所属的友城关系已不存在。</translation>
    </message>
</context>
<context>
    <name>FollowUpsTable</name>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>no date</source>
        <translation>无日期</translation>
    </message>
    <message>
        <source>Add follow-up</source>
        <translation>添加跟进事项</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Discard your changes?</source>
        <translation>放弃所作的修改？</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
</context>
<context>
    <name>GiftDialog</name>
    <message>
        <source>Register a gift</source>
        <translation>登记礼品</translation>
    </message>
    <message>
        <source>Gift</source>
        <translation>礼品</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save the gift (Ctrl+S)</source>
        <translation>保存礼品（Ctrl+S）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>受赠人：</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>赠送人：</translation>
    </message>
    <message>
        <source>We have never given them a gift.</source>
        <translation>我方从未向其赠送过礼品。</translation>
    </message>
    <message>
        <source>date unknown</source>
        <translation>日期不详</translation>
    </message>
    <message>
        <source>Last time we gave: {gift}</source>
        <translation>上次赠送：{gift}</translation>
    </message>
    <message>
        <source>Last received: {gift}</source>
        <translation>上次收到：{gift}</translation>
    </message>
    <message>
        <source>Photo of the gift</source>
        <translation>礼品照片</translation>
    </message>
    <message>
        <source>Images ({patterns})</source>
        <translation>图片 ({patterns})</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>Discard this gift?</source>
        <translation>放弃对此礼品的修改？</translation>
    </message>
</context>
<context>
    <name>GiftForm</name>
    <message>
        <source>No photo</source>
        <translation>无照片</translation>
    </message>
    <message>
        <source>Gift:</source>
        <translation>礼品：</translation>
    </message>
    <message>
        <source>What:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>On the visit:</source>
        <translation>所属访问：</translation>
    </message>
    <message>
        <source>Partnership:</source>
        <translation>友城关系：</translation>
    </message>
    <message>
        <source>Occasion:</source>
        <translation>场合：</translation>
    </message>
    <message>
        <source>Value:</source>
        <translation>价值：</translation>
    </message>
    <message>
        <source>Photo:</source>
        <translation>照片：</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>We gave it</source>
        <translation>我方赠送</translation>
    </message>
    <message>
        <source>We received it</source>
        <translation>我方收到</translation>
    </message>
    <message>
        <source>e.g. Porcelain vase with the city arms</source>
        <translation>如 饰有市徽的瓷花瓶</translation>
    </message>
    <message>
        <source>(the city, or nobody in particular)</source>
        <translation>（以城市名义，或无特定对象）</translation>
    </message>
    <message>
        <source>(not on a visit)</source>
        <translation>（非访问期间）</translation>
    </message>
    <message>
        <source>(no partnership)</source>
        <translation>（不关联友城关系）</translation>
    </message>
    <message>
        <source>during the visit</source>
        <translation>访问期间</translation>
    </message>
    <message>
        <source>(not recorded)</source>
        <translation>（未记录）</translation>
    </message>
    <message>
        <source>Gifts above the declaration threshold must be declared</source>
        <translation>超过申报标准的礼品须按规定申报</translation>
    </message>
    <message>
        <source>Official visit</source>
        <translation>正式访问</translation>
    </message>
    <message>
        <source>Spring Festival</source>
        <translation>春节</translation>
    </message>
    <message>
        <source>Mid-Autumn Festival</source>
        <translation>中秋节</translation>
    </message>
    <message>
        <source>Christmas</source>
        <translation>圣诞节</translation>
    </message>
    <message>
        <source>Anniversary of the partnership</source>
        <translation>结好周年</translation>
    </message>
    <message>
        <source>Signing ceremony</source>
        <translation>签约仪式</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Who chose it, what it means, where it is kept</source>
        <translation>由谁挑选、有何寓意、存放何处</translation>
    </message>
</context>
<context>
    <name>GiftRegister</name>
    <message>
        <source>Gift register</source>
        <translation>礼品台账</translation>
    </message>
    <message>
        <source>Person:</source>
        <translation>人员：</translation>
    </message>
    <message>
        <source>Partnership:</source>
        <translation>友城关系：</translation>
    </message>
    <message>
        <source>Direction:</source>
        <translation>赠送/收到：</translation>
    </message>
    <message>
        <source>(anyone)</source>
        <translation>（所有人）</translation>
    </message>
    <message>
        <source>(all partnerships)</source>
        <translation>（全部友城关系）</translation>
    </message>
    <message>
        <source>(both ways)</source>
        <translation>（全部）</translation>
    </message>
    <message>
        <source>Register a gift…</source>
        <translation>登记礼品…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message numerus="yes">
        <source>%n gift(s)</source>
        <translation>
            <numerusform>共 %n 件礼品</numerusform>
        </translation>
    </message>
    <message>
        <source>No photo</source>
        <translation>无照片</translation>
    </message>
    <message>
        <source>Delete the gift</source>
        <translation>删除礼品</translation>
    </message>
    <message>
        <source>Delete “{gift}” from the register?</source>
        <translation>从礼品台账中删除“{gift}”？</translation>
    </message>
</context>
<context>
    <name>Gifts</name>
    <message>
        <source>Say what the gift was.</source>
        <translation>请填写礼品名称。</translation>
    </message>
    <message>
        <source>“{value}” is not a date: write it as 2025-05-31.</source>
        <translation>“{value}” 不是有效日期：请写成 2025-05-31。</translation>
    </message>
    <message>
        <source>A gift received cannot be dated in the future.</source>
        <translation>收到礼品的日期不能晚于今天。</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>赠送</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到</translation>
    </message>
    <message>
        <source>Token (under €50)</source>
        <translation>象征性（€50 以下）</translation>
    </message>
    <message>
        <source>Modest (€50–200)</source>
        <translation>一般（€50–200）</translation>
    </message>
    <message>
        <source>Significant (€200–1,000)</source>
        <translation>贵重（€200–1,000）</translation>
    </message>
    <message>
        <source>High (over €1,000: declare it)</source>
        <translation>高价（€1,000 以上，须申报）</translation>
    </message>
    <message>
        <source>This gift is no longer in the register.</source>
        <translation>该礼品已不在台账中。</translation>
    </message>
    <message>
        <source>The person chosen for this gift no longer exists.</source>
        <translation>为该礼品所选的人员已不存在。</translation>
    </message>
    <message>
        <source>The visit chosen for this gift no longer exists.</source>
        <translation>为该礼品所选的访问已不存在。</translation>
    </message>
    <message>
        <source>The partnership chosen no longer exists.</source>
        <translation>所选友城关系已不存在。</translation>
    </message>
    <message>
        <source>“{name}” is not a photo (JPEG, PNG, GIF, WebP or BMP).</source>
        <translation>“{name}” 不是照片（支持 JPEG、PNG、GIF、WebP 或 BMP）。</translation>
    </message>
    <message>
        <source>The file “{name}” cannot be read.</source>
        <translation>无法读取文件“{name}”。</translation>
    </message>
</context>
<context>
    <name>GiftsModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Given or received</source>
        <translation>赠送/收到</translation>
    </message>
    <message>
        <source>Gift</source>
        <translation>礼品</translation>
    </message>
    <message>
        <source>To or from</source>
        <translation>赠受对象</translation>
    </message>
    <message>
        <source>Visit or occasion</source>
        <translation>访问或场合</translation>
    </message>
    <message>
        <source>Partnership</source>
        <translation>友城关系</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>价值</translation>
    </message>
</context>
<context>
    <name>GiftsTable</name>
    <message>
        <source>Given or received</source>
        <translation>赠送/收到</translation>
    </message>
    <message>
        <source>Gift</source>
        <translation>礼品</translation>
    </message>
    <message>
        <source>To or from</source>
        <translation>赠受对象</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>价值</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Add gift</source>
        <translation>添加礼品</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Choose photo…</source>
        <translation>选择照片…</translation>
    </message>
    <message>
        <source>Photo of the gift</source>
        <translation>礼品照片</translation>
    </message>
    <message>
        <source>Images ({patterns})</source>
        <translation>图片 ({patterns})</translation>
    </message>
</context>
<context>
    <name>GreetingRecipientsModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>电子邮件地址</translation>
    </message>
    <message>
        <source>Written in</source>
        <translation>书写语言</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>GreetingWizard</name>
    <message>
        <source>&amp;Send</source>
        <translation>发送(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Write</source>
        <translation>写入(&amp;W)</translation>
    </message>
    <message>
        <source>{ready} ready, {skipped} skipped; {ticked} ticked</source>
        <translation>{ready} 人就绪，{skipped} 人跳过；已勾选 {ticked} 人</translation>
    </message>
    <message>
        <source>Write the e-mail files to</source>
        <translation>将邮件文件写入</translation>
    </message>
    <message>
        <source>Mail server password</source>
        <translation>邮件服务器密码</translation>
    </message>
    <message>
        <source>Password of {user} on {host}:</source>
        <translation>{host} 上 {user} 的密码：</translation>
    </message>
    <message>
        <source>Stopping after the current message…</source>
        <translation>当前邮件完成后停止…</translation>
    </message>
    <message>
        <source>Greetings</source>
        <translation>问候</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>上一步(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>下一步(&amp;N)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>Which greeting, and for whom?</source>
        <translation>发送什么问候，发给谁？</translation>
    </message>
    <message>
        <source>&amp;Occasion:</source>
        <translation>场合(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation>年份(&amp;Y)：</translation>
    </message>
    <message>
        <source>&amp;Partnership:</source>
        <translation>友城关系(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Tag:</source>
        <translation>标签(&amp;T)：</translation>
    </message>
    <message>
        <source>O&amp;wner:</source>
        <translation>负责人(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Any partnership</source>
        <translation>所有友城关系</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>所有标签</translation>
    </message>
    <message>
        <source>Anyone&apos;s contacts</source>
        <translation>所有人负责的联系人</translation>
    </message>
    <message>
        <source>Any language</source>
        <translation>所有语言</translation>
    </message>
    <message>
        <source>An anniversary greeting is for the people of one partnership: choose it.</source>
        <translation>纪念日问候针对某一友城关系的相关人员：请选择该友城关系。</translation>
    </message>
    <message>
        <source>Write to Chinese-speaking contacts in Chinese, then in &amp;English</source>
        <translation>给讲中文的联系人先用中文、再用英文书写(&amp;E)</translation>
    </message>
    <message numerus="yes">
        <source>Only the %n chosen contact(s).</source>
        <translation>
            <numerusform>仅限所选的 %n 位联系人。</numerusform>
        </translation>
    </message>
    <message>
        <source>Tick who gets a message; select someone to see theirs.</source>
        <translation>勾选要发送的人；选中某人可查看其邮件。</translation>
    </message>
    <message>
        <source>Tick &amp;all</source>
        <translation>全部勾选(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Untick all</source>
        <translation>全部取消(&amp;U)</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>收件人：</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <source>&amp;Edit template…</source>
        <translation>编辑模板(&amp;E)…</translation>
    </message>
    <message>
        <source>Change the words of this greeting in this person&apos;s language.</source>
        <translation>修改此问候在此人所用语言中的措辞。</translation>
    </message>
    <message>
        <source>How should the greetings go out?</source>
        <translation>问候以何种方式发出？</translation>
    </message>
    <message>
        <source>Write e-mail &amp;files to a folder</source>
        <translation>将邮件文件写入文件夹(&amp;F)</translation>
    </message>
    <message>
        <source>One .eml file per person, to open and send in your mail program.</source>
        <translation>每人一个 .eml 文件，可在邮件程序中打开并发送。</translation>
    </message>
    <message>
        <source>F&amp;older:</source>
        <translation>文件夹(&amp;O)：</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>选择(&amp;H)…</translation>
    </message>
    <message>
        <source>Send by e-&amp;mail now</source>
        <translation>立即通过电子邮件发送(&amp;M)</translation>
    </message>
    <message>
        <source>no encryption</source>
        <translation>不加密</translation>
    </message>
    <message>
        <source>Through {server} ({security}) as {user}.</source>
        <translation>通过 {server}（{security}），用户 {user}。</translation>
    </message>
    <message>
        <source>Through {server} ({security}).</source>
        <translation>通过 {server}（{security}）。</translation>
    </message>
    <message>
        <source>No mail server is set up yet: set one in Settings, on the Mail tab.</source>
        <translation>尚未设置邮件服务器：请在“设置”的“邮件”选项卡中设置。</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) will go out.</source>
        <translation>
            <numerusform>将发出 %n 封邮件。</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending the greetings…</source>
        <translation>正在发送问候…</translation>
    </message>
    <message>
        <source>Writing the greetings…</source>
        <translation>正在写入问候…</translation>
    </message>
    <message>
        <source>You can stop between two messages.</source>
        <translation>可以在两封邮件之间停止。</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Stopped before the end.</source>
        <translation>已中途停止。</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) sent.</source>
        <translation>
            <numerusform>已发送 %n 封邮件。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n e-mail file(s) written.</source>
        <translation>
            <numerusform>已写入 %n 个邮件文件。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be sent.</source>
        <translation>
            <numerusform>%n 封未能发送。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped.</source>
        <translation>
            <numerusform>跳过 %n 人。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Left out:</source>
        <translation>未发送(&amp;L)：</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>打开文件夹(&amp;O)</translation>
    </message>
</context>
<context>
    <name>Greetings</name>
    <message>
        <source>There is no template for this greeting.</source>
        <translation>此问候没有模板。</translation>
    </message>
    <message>
        <source>The subject has a mistake: {detail}</source>
        <translation>主题有误：{detail}</translation>
    </message>
    <message>
        <source>Line {line} of the text has a mistake: {detail}</source>
        <translation>正文第 {line} 行有误：{detail}</translation>
    </message>
    <message>
        <source>The template uses an unknown variable: {name}.</source>
        <translation>模板使用了未知变量：{name}。</translation>
    </message>
    <message>
        <source>The template tries to reach something templates may not use.</source>
        <translation>模板试图访问不允许使用的内容。</translation>
    </message>
    <message>
        <source>The template could not be filled in: {detail}</source>
        <translation>无法填写模板：{detail}</translation>
    </message>
    <message>
        <source>A template file must begin with a line “Subject: …”: {file}</source>
        <translation>模板文件必须以“Subject: …”一行开头：{file}</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Deceased</source>
        <translation>已故</translation>
    </message>
    <message>
        <source>Moved on</source>
        <translation>已离任</translation>
    </message>
    <message>
        <source>Already greeted for this occasion and year</source>
        <translation>今年已就此发送过问候</translation>
    </message>
    <message>
        <source>No e-mail address</source>
        <translation>没有电子邮件地址</translation>
    </message>
    <message>
        <source>The e-mail address cannot be used</source>
        <translation>电子邮件地址无法使用</translation>
    </message>
    <message>
        <source>The mail server refused the address</source>
        <translation>邮件服务器拒绝了该地址</translation>
    </message>
    <message>
        <source>The mail server rejected the message</source>
        <translation>邮件服务器拒收了该邮件</translation>
    </message>
    <message>
        <source>National day</source>
        <translation>国庆日</translation>
    </message>
    <message>
        <source>Partnership anniversary</source>
        <translation>结好纪念日</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Greeting</source>
        <translation>问候</translation>
    </message>
    <message>
        <source>{occasion} greeting sent to {address}.</source>
        <translation>已向 {address} 发送{occasion}问候。</translation>
    </message>
    <message>
        <source>{occasion} greeting written as an e-mail file for {address}.</source>
        <translation>已为 {address} 生成{occasion}问候邮件文件。</translation>
    </message>
    <message>
        <source>“{occasion}” is not an occasion for greetings.</source>
        <translation>“{occasion}”不是可发送问候的场合。</translation>
    </message>
    <message>
        <source>Choose the partnership whose anniversary the greetings are for.</source>
        <translation>请选择要为其纪念日发送问候的友城关系。</translation>
    </message>
    <message>
        <source>The chosen partnership no longer exists.</source>
        <translation>所选友城关系已不存在。</translation>
    </message>
    <message>
        <source>The partnership with {partner} has no anniversary in {year}: give the year it was formalised.</source>
        <translation>与{partner}的友城关系在 {year} 年没有纪念日：请填写正式结好的年份。</translation>
    </message>
    <message>
        <source>This person is not among the recipients.</source>
        <translation>此人不在收件人之列。</translation>
    </message>
    <message>
        <source>Cannot connect to the mail server {host}:{port}: {reason}.</source>
        <translation>无法连接邮件服务器 {host}:{port}：{reason}。</translation>
    </message>
    <message>
        <source>No secure connection could be made with the mail server {host}:{port}: {reason}.</source>
        <translation>无法与邮件服务器 {host}:{port} 建立安全连接：{reason}。</translation>
    </message>
    <message>
        <source>The mail server {host}:{port} does not offer STARTTLS: choose SSL, or no encryption if it is on your own network.</source>
        <translation>邮件服务器 {host}:{port} 不支持 STARTTLS：请选择 SSL；如服务器在本单位内网，也可选择不加密。</translation>
    </message>
    <message>
        <source>The mail server refused the user name or password.</source>
        <translation>邮件服务器拒绝了用户名或密码。</translation>
    </message>
    <message>
        <source>The mail server does not accept a user name and password on this connection.</source>
        <translation>邮件服务器在此连接上不接受用户名和密码。</translation>
    </message>
    <message>
        <source>No password is known for {user} on {host}: save it in Settings, or set CRM_SMTP_PASSWORD.</source>
        <translation>没有 {host} 上 {user} 的密码：请在“设置”中保存，或设置 CRM_SMTP_PASSWORD。</translation>
    </message>
    <message>
        <source>The connection to the mail server was lost after {sent} messages ({reason}); run the campaign again to send the rest.</source>
        <translation>发送 {sent} 封邮件后与邮件服务器的连接中断（{reason}）；请再次运行此次问候活动以发送其余邮件。</translation>
    </message>
    <message>
        <source>The mail server refused the sender address {address}: {reason}.</source>
        <translation>邮件服务器拒绝了发件人地址 {address}：{reason}。</translation>
    </message>
    <message>
        <source>The folder “{path}” cannot be written: {reason}.</source>
        <translation>无法写入文件夹“{path}”：{reason}。</translation>
    </message>
    <message>
        <source>No system keyring is available to keep the password: it will be asked for once per session.</source>
        <translation>系统没有可用的密钥环来保存密码：每次运行时将询问一次密码。</translation>
    </message>
</context>
<context>
    <name>Handover</name>
    <message>
        <source>Handover of {owner} written to “{path}”: {partnerships} partnerships, {contacts} contacts, {agreements} agreements, {delegations} delegations, {interactions} interactions, {follow_ups} open follow-ups, {occasions} coming occasions.</source>
        <translation>{owner}的交接材料已写入“{path}”：友城关系 {partnerships} 个、联系人 {contacts} 位、协议 {agreements} 份、代表团 {delegations} 个、往来记录 {interactions} 条、待办跟进 {follow_ups} 项、近期日程 {occasions} 个。</translation>
    </message>
    <message>
        <source>Handover of {owner} imported: {created} records added, {updated} updated, {unchanged} unchanged, {conflicts} conflicts; {successor} holds their partnerships and contacts.</source>
        <translation>已导入 {owner} 的交接包：新增 {created} 条记录，更新 {updated} 条，未变 {unchanged} 条，冲突 {conflicts} 处；其友城关系和联系人现由 {successor} 负责。</translation>
    </message>
    <message>
        <source>Dry run, nothing changed: the handover of {owner} would add {created} records, update {updated} and leave {unchanged} unchanged, with {conflicts} conflicts; {successor} would hold their partnerships and contacts.</source>
        <translation>试运行，未做任何更改：导入 {owner} 的交接包将新增 {created} 条记录，更新 {updated} 条，{unchanged} 条不变，冲突 {conflicts} 处；其友城关系和联系人将由 {successor} 负责。</translation>
    </message>
    <message>
        <source>{kind}: {created} added, {updated} updated, {unchanged} unchanged</source>
        <translation>{kind}：新增 {created}，更新 {updated}，未变 {unchanged}</translation>
    </message>
    <message>
        <source>Conflict in {kind}: {label}: the package&apos;s version was newer and was kept.</source>
        <translation>{kind}冲突：{label}：交接包中的版本较新，已采用。</translation>
    </message>
    <message>
        <source>Conflict in {kind}: {label}: this database&apos;s version was newer and was kept.</source>
        <translation>{kind}冲突：{label}：本数据库中的版本较新，已保留。</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Delegations</source>
        <translation>代表团</translation>
    </message>
    <message>
        <source>Gifts</source>
        <translation>礼品</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>往来记录</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>待办跟进</translation>
    </message>
    <message>
        <source>Greeting templates</source>
        <translation>问候模板</translation>
    </message>
    <message>
        <source>Handover dossier of {owner}</source>
        <translation>{owner}的工作交接手册</translation>
    </message>
    <message>
        <source>Prepared on {date}.</source>
        <translation>编制日期：{date}。</translation>
    </message>
    <message>
        <source>Partnerships</source>
        <translation>友城关系</translation>
    </message>
    <message>
        <source>{owner} owns no partnerships.</source>
        <translation>{owner}名下没有负责的友城关系。</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>伙伴城市</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>最近联系</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Formalised on</source>
        <translation>正式结好日期</translation>
    </message>
    <message>
        <source>Cooperation areas</source>
        <translation>合作领域</translation>
    </message>
    <message>
        <source>The story so far</source>
        <translation>交往历程</translation>
    </message>
    <message>
        <source>Agreements</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>signed {date}</source>
        <translation>签署于 {date}</translation>
    </message>
    <message>
        <source>review {date}</source>
        <translation>复核于 {date}</translation>
    </message>
    <message>
        <source>expires {date}</source>
        <translation>到期于 {date}</translation>
    </message>
    <message>
        <source>Documents: {names}</source>
        <translation>文件：{names}</translation>
    </message>
    <message>
        <source>Led by {name}.</source>
        <translation>团长：{name}。</translation>
    </message>
    <message>
        <source>Outcomes: {outcomes}</source>
        <translation>成果：{outcomes}</translation>
    </message>
    <message>
        <source>Gifts given: {gifts}</source>
        <translation>赠出礼品：{gifts}</translation>
    </message>
    <message>
        <source>Gifts received: {gifts}</source>
        <translation>收到礼品：{gifts}</translation>
    </message>
    <message>
        <source>Recent interactions</source>
        <translation>近期往来</translation>
    </message>
    <message>
        <source>Key people</source>
        <translation>关键人物</translation>
    </message>
    <message>
        <source>Champion of the partnership</source>
        <translation>本友城关系的关键人物</translation>
    </message>
    <message>
        <source>Signed: {agreement}</source>
        <translation>签署：{agreement}</translation>
    </message>
    <message>
        <source>Head of delegation: {delegation}</source>
        <translation>代表团团长：{delegation}</translation>
    </message>
    <message>
        <source>Member of the delegation: {delegation}</source>
        <translation>代表团成员：{delegation}</translation>
    </message>
    <message>
        <source>{role}: {delegation}</source>
        <translation>{role}：{delegation}</translation>
    </message>
    <message>
        <source>Interactions logged with them: {count}, the last on {date}.</source>
        <translation>往来记录 {count} 条，最近一次为 {date}。</translation>
    </message>
    <message>
        <source>No interaction logged with them yet.</source>
        <translation>尚无往来记录。</translation>
    </message>
    <message>
        <source>Due in the next 12 months</source>
        <translation>未来 12 个月的日程</translation>
    </message>
    <message>
        <source>Open follow-ups</source>
        <translation>待办跟进事项</translation>
    </message>
    <message>
        <source>no date</source>
        <translation>无日期</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>无。</translation>
    </message>
</context>
<context>
    <name>HandoverImport</name>
    <message>
        <source>There is no file “{name}” to import.</source>
        <translation>没有可导入的文件“{name}”。</translation>
    </message>
    <message>
        <source>“{name}” cannot be read: {reason}</source>
        <translation>无法读取“{name}”：{reason}</translation>
    </message>
    <message>
        <source>“{name}” is not a zip file: choose the handover package Liaison wrote.</source>
        <translation>“{name}”不是 zip 文件：请选择 Liaison 生成的交接包。</translation>
    </message>
    <message>
        <source>“{name}” is cut short, perhaps by an interrupted copy or download: copy the whole package again.</source>
        <translation>“{name}”不完整，可能是复制或下载中断所致：请重新复制整个交接包。</translation>
    </message>
    <message>
        <source>“{name}” is damaged: “{member}” in it cannot be read back as it was written.</source>
        <translation>“{name}”已损坏：其中的“{member}”无法按原样读出。</translation>
    </message>
    <message>
        <source>“{name}” is not a Liaison handover package.</source>
        <translation>“{name}”不是 Liaison 交接包。</translation>
    </message>
    <message>
        <source>“{name}” was written by a newer version of Liaison: update Liaison to import it.</source>
        <translation>“{name}”由更新版本的 Liaison 生成：请先升级 Liaison 再导入。</translation>
    </message>
    <message>
        <source>“{name}” was changed after it was written: “{member}” is not the file its manifest lists.</source>
        <translation>“{name}”在生成后被改动过：“{member}”与清单所列文件不符。</translation>
    </message>
    <message>
        <source>“{name}” is incomplete: “{member}” is missing from it.</source>
        <translation>“{name}”不完整：缺少“{member}”。</translation>
    </message>
    <message>
        <source>“{name}” was changed after it was written: it holds “{member}”, which its manifest does not list.</source>
        <translation>“{name}”在生成后被改动过：其中有清单未列出的“{member}”。</translation>
    </message>
    <message>
        <source>“{name}” is refused: it holds a file named “{member}”, which would be unpacked outside its folder.</source>
        <translation>已拒绝“{name}”：其中的文件“{member}”会被解压到文件夹之外。</translation>
    </message>
    <message>
        <source>“{name}” is refused: it holds “{member}” twice.</source>
        <translation>已拒绝“{name}”：其中“{member}”出现了两次。</translation>
    </message>
    <message>
        <source>“{name}” is refused: “{member}” would unpack to more than {limit} MB.</source>
        <translation>已拒绝“{name}”：“{member}”解压后将超过 {limit} MB。</translation>
    </message>
    <message>
        <source>“{name}” is refused: it would unpack to more than {limit} MB.</source>
        <translation>已拒绝“{name}”：解压后将超过 {limit} MB。</translation>
    </message>
    <message>
        <source>“{name}” cannot be imported: “{member}” refers to records that are neither in it nor in this database.</source>
        <translation>无法导入“{name}”：“{member}”引用的记录既不在交接包中，也不在本数据库中。</translation>
    </message>
    <message>
        <source>“{name}” cannot be imported: “{member}” does not hold what a handover package holds.</source>
        <translation>无法导入“{name}”：“{member}”的内容不是交接包应有的内容。</translation>
    </message>
</context>
<context>
    <name>HandoverWizard</name>
    <message>
        <source>The import was stopped.</source>
        <translation>导入已停止。</translation>
    </message>
    <message>
        <source>Save the handover package as</source>
        <translation>交接包另存为</translation>
    </message>
    <message>
        <source>Handover packages (*.zip)</source>
        <translation>交接包 (*.zip)</translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>工作交接</translation>
    </message>
    <message>
        <source>“{file}” already exists. Replace it?</source>
        <translation>“{file}”已存在。要替换吗？</translation>
    </message>
    <message>
        <source>“{file}” could not be written: {reason}.</source>
        <translation>无法写入“{file}”：{reason}。</translation>
    </message>
    <message>
        <source>Open a handover package</source>
        <translation>打开交接包</translation>
    </message>
    <message>
        <source>The handover is still being imported. Stop it and close? Nothing of it is kept; you can import the package again later.</source>
        <translation>交接包仍在导入中。要停止并关闭吗？已导入的部分不会保留，之后可以重新导入。</translation>
    </message>
    <message>
        <source>&amp;Stop and close</source>
        <translation>停止并关闭(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Keep importing</source>
        <translation>继续导入(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>上一步(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>下一步(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Partnerships</source>
        <translation>友城关系</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Delegations</source>
        <translation>代表团</translation>
    </message>
    <message>
        <source>Gifts</source>
        <translation>礼品</translation>
    </message>
    <message>
        <source>Agreements</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>往来记录</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>待办跟进</translation>
    </message>
    <message>
        <source>Greeting templates</source>
        <translation>问候模板</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Dates in the coming year</source>
        <translation>未来一年的日程</translation>
    </message>
    <message>
        <source>{name} — {partnerships}, {contacts}</source>
        <translation>{name}——{partnerships}，{contacts}</translation>
    </message>
    <message numerus="yes">
        <source>%n partnership(s)</source>
        <translation>
            <numerusform>%n 个友城关系</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s)</source>
        <translation>
            <numerusform>%n 位联系人</numerusform>
        </translation>
    </message>
    <message>
        <source>Who is leaving, and where should the package go?</source>
        <translation>谁将离岗？交接包保存到哪里？</translation>
    </message>
    <message>
        <source>The handover package holds the partnerships and contacts of the person leaving, with everything they touch: agreements, delegations, interactions and open follow-ups. Their successor imports it in Liaison and carries on from there.</source>
        <translation>交接包包含离岗人员负责的友城关系和联系人，以及与之相关的一切：协议、代表团、往来记录和未完成的跟进事项。接任者在 Liaison 中导入后即可接着工作。</translation>
    </message>
    <message>
        <source>the data, for Liaison at the successor&apos;s desk;</source>
        <translation>数据，供接任者在 Liaison 中导入；</translation>
    </message>
    <message>
        <source>the contacts as vCards, for any address book;</source>
        <translation>联系人名片（vCard），可导入任何通讯录；</translation>
    </message>
    <message>
        <source>the coming year&apos;s anniversaries, birthdays and reviews, for any calendar;</source>
        <translation>未来一年的纪念日、生日和评估日期，可导入任何日历；</translation>
    </message>
    <message>
        <source>a dossier to read and print, in the language chosen above.</source>
        <translation>一份可阅读和打印的交接手册，使用上面所选的语言。</translation>
    </message>
    <message>
        <source>In the zip:</source>
        <translation>压缩包内容：</translation>
    </message>
    <message>
        <source>&amp;Leaving:</source>
        <translation>离岗人员(&amp;L)：</translation>
    </message>
    <message>
        <source>Dossier &amp;language:</source>
        <translation>手册语言(&amp;L)：</translation>
    </message>
    <message>
        <source>The dossier and the calendar are written in this language.</source>
        <translation>交接手册和日历使用此语言。</translation>
    </message>
    <message>
        <source>&amp;Save to:</source>
        <translation>保存到(&amp;S)：</translation>
    </message>
    <message>
        <source>Where to write the zip file</source>
        <translation>zip 文件的保存位置</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>浏览(&amp;R)…</translation>
    </message>
    <message>
        <source>What each colleague owns. The package also holds the other people of their partnerships.</source>
        <translation>每位同事负责的内容。交接包还包括其友城关系中的其他相关人员。</translation>
    </message>
    <message>
        <source>There are no staff members yet.</source>
        <translation>尚无工作人员。</translation>
    </message>
    <message>
        <source>Show in &amp;folder</source>
        <translation>在文件夹中显示(&amp;F)</translation>
    </message>
    <message>
        <source>In the package</source>
        <translation>交接包内容</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Writing the handover package of {name}…</source>
        <translation>正在生成 {name} 的交接包…</translation>
    </message>
    <message>
        <source>This takes a few seconds.</source>
        <translation>需要几秒钟。</translation>
    </message>
    <message>
        <source>The handover package is ready</source>
        <translation>交接包已生成</translation>
    </message>
    <message>
        <source>Everything {owner} looks after is in “{file}”: {partnerships} and {contacts}. Give it to their successor, who imports it in Liaison.</source>
        <translation>{owner} 负责的全部内容已保存在“{file}”中：{partnerships}，{contacts}。请将其交给接任者，在 Liaison 中导入。</translation>
    </message>
    <message>
        <source>Which handover package?</source>
        <translation>导入哪个交接包？</translation>
    </message>
    <message>
        <source>Choose the zip file a leaving colleague exported. Liaison reads it first and changes nothing until you import it.</source>
        <translation>请选择离岗同事导出的 zip 文件。Liaison 会先读取检查，在您确认导入之前不会做任何更改。</translation>
    </message>
    <message>
        <source>&amp;Package:</source>
        <translation>交接包(&amp;P)：</translation>
    </message>
    <message>
        <source>The handover zip file</source>
        <translation>交接 zip 文件</translation>
    </message>
    <message>
        <source>Handed over by:</source>
        <translation>移交人：</translation>
    </message>
    <message>
        <source>Written:</source>
        <translation>生成时间：</translation>
    </message>
    <message>
        <source>Contents:</source>
        <translation>内容：</translation>
    </message>
    <message>
        <source>&amp;Successor:</source>
        <translation>接任者(&amp;S)：</translation>
    </message>
    <message>
        <source>“{file}” could not be read: {reason}.</source>
        <translation>无法读取“{file}”：{reason}。</translation>
    </message>
    <message>
        <source>{name} (new here)</source>
        <translation>{name}（新同事）</translation>
    </message>
    <message>
        <source>{owner} is not on this office&apos;s staff yet: the import adds them, and everything stays theirs.</source>
        <translation>{owner} 还不是本办公室的工作人员：导入时会添加此人，所有内容仍归其负责。</translation>
    </message>
    <message>
        <source>Everything stays with {owner}.</source>
        <translation>所有内容仍由 {owner} 负责。</translation>
    </message>
    <message>
        <source>{successor} takes over the partnerships and contacts of {owner}.</source>
        <translation>{successor} 将接手 {owner} 的友城关系和联系人。</translation>
    </message>
    <message>
        <source>{created} new, {updated} updated, {unchanged} unchanged.</source>
        <translation>新增 {created}，更新 {updated}，未变 {unchanged}。</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <source>Preview (changes nothing)</source>
        <translation>预览（不做任何更改）</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Version kept</source>
        <translation>保留的版本</translation>
    </message>
    <message>
        <source>Reading the package…</source>
        <translation>正在读取交接包…</translation>
    </message>
    <message>
        <source>Nothing has changed yet: press Import to bring it in.</source>
        <translation>尚未做任何更改：点击“导入”即可导入。</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) were changed both here and in the package; the version shown will be kept:</source>
        <translation>
            <numerusform>有 %n 条记录在本地和交接包中都被修改过；将保留下列版本：</numerusform>
        </translation>
    </message>
    <message>
        <source>No record was changed both here and in the package.</source>
        <translation>没有在本地和交接包中都被修改过的记录。</translation>
    </message>
    <message>
        <source>From the package</source>
        <translation>交接包中的版本</translation>
    </message>
    <message>
        <source>Already here</source>
        <translation>本地已有的版本</translation>
    </message>
    <message>
        <source>Importing the handover…</source>
        <translation>正在导入交接包…</translation>
    </message>
    <message>
        <source>Closing the window now asks whether to stop the import.</source>
        <translation>此时关闭窗口会询问是否停止导入。</translation>
    </message>
    <message>
        <source>The handover is imported</source>
        <translation>交接包已导入</translation>
    </message>
    <message>
        <source>{successor} now looks after what {owner} handed over.</source>
        <translation>{owner} 移交的内容现由 {successor} 负责。</translation>
    </message>
    <message>
        <source>It stays with {owner}.</source>
        <translation>仍由 {owner} 负责。</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) had been changed both here and in the package.</source>
        <translation>
            <numerusform>有 %n 条记录在本地和交接包中都被修改过。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was imported</source>
        <translation>未导入任何内容</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>The user guide is missing from this copy of Liaison: install it again.</source>
        <translation>此 Liaison 副本缺少用户指南，请重新安装。</translation>
    </message>
    <message>
        <source>Not on this page.</source>
        <translation>本页中没有找到。</translation>
    </message>
    <message>
        <source>Liaison — user guide</source>
        <translation>Liaison 用户指南</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>后退</translation>
    </message>
    <message>
        <source>The page shown before (Alt+Left)</source>
        <translation>上一个查看的页面（Alt+左箭头）</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>前进</translation>
    </message>
    <message>
        <source>The page shown after (Alt+Right)</source>
        <translation>下一个查看的页面（Alt+右箭头）</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>The first page of the guide (Alt+Home)</source>
        <translation>指南的第一页（Alt+Home）</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Find in this page (Ctrl+F)</source>
        <translation>在本页中查找（Ctrl+F）</translation>
    </message>
    <message>
        <source>Find in this page</source>
        <translation>在本页中查找</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <source>The place before (Shift+Enter)</source>
        <translation>上一处（Shift+回车）</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>The next place (Enter)</source>
        <translation>下一处（回车）</translation>
    </message>
    <message>
        <source>Close the search (Esc)</source>
        <translation>关闭查找（Esc）</translation>
    </message>
</context>
<context>
    <name>HistoryExchange</name>
    <message>
        <source>There is no partnership “{value}” in Liaison: import the partnerships first.</source>
        <translation>Liaison 中没有友城关系“{value}”：请先导入友城关系。</translation>
    </message>
    <message>
        <source>There is no contact “{value}” in Liaison: import the contacts first.</source>
        <translation>Liaison 中没有联系人“{value}”：请先导入联系人。</translation>
    </message>
    <message>
        <source>Say whether the visit is incoming or outgoing.</source>
        <translation>请注明访问是 incoming（来访）还是 outgoing（出访）。</translation>
    </message>
    <message>
        <source>“{value}” is not a direction: use incoming or outgoing.</source>
        <translation>“{value}” 不是有效的访问方向：请使用 incoming（来访）或 outgoing（出访）。</translation>
    </message>
    <message>
        <source>“{value}” is not a delegation status: use one of {choices}.</source>
        <translation>“{value}” 不是有效的代表团状态：请使用 {choices} 之一。</translation>
    </message>
    <message>
        <source>Say whether each gift was given or received.</source>
        <translation>请注明每件礼品是 given（赠送）还是 received（收到）。</translation>
    </message>
    <message>
        <source>“{value}” is not a gift direction: use given or received.</source>
        <translation>“{value}” 不是有效的礼品方向：请使用 given（赠送）或 received（收到）。</translation>
    </message>
    <message>
        <source>“{value}” is not a value band: use one of {choices}.</source>
        <translation>“{value}” 不是有效的价值档次：请使用 {choices} 之一。</translation>
    </message>
    <message>
        <source>The partner city is missing: fill in the “partner” column.</source>
        <translation>缺少伙伴城市：请填写“partner”列。</translation>
    </message>
    <message>
        <source>“{value}” is not a type of partnership: use one of {choices}.</source>
        <translation>“{value}” 不是有效的友城关系类型：请使用 {choices} 之一。</translation>
    </message>
    <message>
        <source>“{value}” is not a partnership status: use one of {choices}.</source>
        <translation>“{value}” 不是有效的友城关系状态：请使用 {choices} 之一。</translation>
    </message>
    <message>
        <source>“{name}” is not a file Liaison can import here: use a CSV, Excel (.xlsx) or JSON file.</source>
        <translation>Liaison 无法在此导入“{name}”：请使用 CSV、Excel (.xlsx) 或 JSON 文件。</translation>
    </message>
    <message>
        <source>“{name}” is not a list of records: the file should hold one JSON array.</source>
        <translation>“{name}” 不是记录列表：文件应只包含一个 JSON 数组。</translation>
    </message>
    <message>
        <source>“{name}” holds no partnerships.</source>
        <translation>“{name}” 中没有友城关系。</translation>
    </message>
    <message>
        <source>“{name}” holds no delegations.</source>
        <translation>“{name}” 中没有代表团。</translation>
    </message>
    <message>
        <source>“{name}” has no column Liaison recognises: the first row should name the columns, e.g. partner, country, type, formalised_on, status, areas.</source>
        <translation>“{name}” 中没有 Liaison 能识别的列：第一行应为列名，如 partner、country、type、formalised_on、status、areas。</translation>
    </message>
    <message>
        <source>“{name}” has no column Liaison recognises: the first row should name the columns, e.g. title, direction, start, end, partnership, members.</source>
        <translation>“{name}” 中没有 Liaison 能识别的列：第一行应为列名，如 title、direction、start、end、partnership、members。</translation>
    </message>
    <message>
        <source>This entry is not a record: each item of the JSON array is an object.</source>
        <translation>此条目不是记录：JSON 数组中的每一项都应是一个对象。</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <source>“{name}” cannot be read as {kind}: {reason}</source>
        <translation>无法按 {kind} 格式读取“{name}”：{reason}</translation>
    </message>
    <message>
        <source>“{name}” is not a file Liaison can import: use a vCard (.vcf), CSV or Excel (.xlsx) file.</source>
        <translation>Liaison 无法导入“{name}”：请使用 vCard (.vcf)、CSV 或 Excel (.xlsx) 文件。</translation>
    </message>
    <message>
        <source>“{name}” has no column Liaison recognises: the first row should name the columns, e.g. family_name, given_name, name_zh, emails.</source>
        <translation>“{name}” 中没有 Liaison 能识别的列：第一行应为列名，如 family_name、given_name、name_zh、emails。</translation>
    </message>
    <message>
        <source>“{name}” is too large to import (over {limit} MB).</source>
        <translation>“{name}” 过大，无法导入（超过 {limit} MB）。</translation>
    </message>
    <message>
        <source>“{name}” is not text in a character encoding Liaison knows: save it as CSV UTF-8 or as an Excel workbook and import that.</source>
        <translation>“{name}”不是采用 Liaison 可识别字符编码的文本：请将其另存为 CSV UTF-8 格式或 Excel 工作簿，再导入另存的文件。</translation>
    </message>
    <message>
        <source>“{name}” holds no contacts.</source>
        <translation>“{name}” 中没有联系人。</translation>
    </message>
    <message>
        <source>This entry cannot be read: {reason}</source>
        <translation>无法读取此条目：{reason}</translation>
    </message>
    <message>
        <source>“{field}” is not a field Liaison can import into.</source>
        <translation>“{field}”不是 Liaison 可以导入的字段。</translation>
    </message>
    <message>
        <source>“{name}” could not be written: {reason}</source>
        <translation>无法写入“{name}”：{reason}</translation>
    </message>
    <message>
        <source>The rows that were not imported cannot be written to “{name}”: they fill every column an Excel sheet has, leaving none to say what was wrong.</source>
        <translation>未导入的行无法写入“{name}”：这些行已占满 Excel 工作表的全部列，没有空列可用来说明问题所在。</translation>
    </message>
    <message>
        <source>“{value}” is longer than Liaison keeps here (at most {limit} characters).</source>
        <translation>“{value}”超出了此处允许的长度（最多 {limit} 个字符）。</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>姓</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>名</translation>
    </message>
    <message>
        <source>Middle name</source>
        <translation>中间名</translation>
    </message>
    <message>
        <source>Full name (split into family and given name)</source>
        <translation>全名（拆分为姓和名）</translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation>中文姓名</translation>
    </message>
    <message>
        <source>Honorific (Mr, Ms, Dr…)</source>
        <translation>称谓（先生、女士、博士等）</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Position in Chinese</source>
        <translation>中文职务</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>E-mail addresses</source>
        <translation>电子邮件地址</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <source>WeChat ID</source>
        <translation>微信号</translation>
    </message>
    <message>
        <source>Preferred language</source>
        <translation>首选语言</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Birthday calendar (Gregorian or lunar)</source>
        <translation>生日历法（公历或农历）</translation>
    </message>
    <message>
        <source>Birthday in a leap month (yes or no)</source>
        <translation>生日是否在闰月（是或否）</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Owner (staff member)</source>
        <translation>负责人（工作人员）</translation>
    </message>
    <message>
        <source>Status (active, moved on, deceased)</source>
        <translation>状态（在职、已离任、已故）</translation>
    </message>
    <message>
        <source>Liaison contact ID</source>
        <translation>Liaison 联系人编号</translation>
    </message>
    <message>
        <source>“{name}” is damaged or is not an Excel workbook: open it in Excel, save it as an Excel workbook (.xlsx) and import that.</source>
        <translation>“{name}”已损坏或不是 Excel 工作簿：请在 Excel 中打开，另存为 Excel 工作簿 (.xlsx)，再导入另存的文件。</translation>
    </message>
    <message>
        <source>“{name}” is refused: it would unpack to more than {limit} MB.</source>
        <translation>已拒绝“{name}”：解压后将超过 {limit} MB。</translation>
    </message>
    <message>
        <source>“{name}” is an Excel workbook without a worksheet.</source>
        <translation>“{name}”是 Excel 工作簿，但其中没有工作表。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>%1 (rejected)</source>
        <translation>%1（未导入）</translation>
    </message>
    <message>
        <source>Save rejected rows</source>
        <translation>保存未导入的行</translation>
    </message>
    <message>
        <source>Rejected rows (*%1)</source>
        <translation>未导入的行 (*%1)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Imported: %1 new, %2 updated, %3 unchanged.</source>
        <translation>已导入：新增 %1 位，更新 %2 位，未变 %3 位。</translation>
    </message>
    <message>
        <source>Ready to import: %1 new, %2 updated, %3 unchanged.</source>
        <translation>即将导入：新增 %1 位，更新 %2 位，未变 %3 位。</translation>
    </message>
    <message>
        <source>Everything in this file is already in Liaison.</source>
        <translation>此文件中的内容已全部在 Liaison 中。</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s) cannot be imported and will be skipped:</source>
        <translation>
            <numerusform>有 %n 条无法导入，将被跳过：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s) were skipped:</source>
        <translation>
            <numerusform>已跳过 %n 条：</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved in “%1”: correct the entries there, then import that file.</source>
        <translation>已保存到“%1”：请在其中更正这些条目，然后导入该文件。</translation>
    </message>
    <message>
        <source>Import contacts</source>
        <translation>导入联系人</translation>
    </message>
    <message>
        <source>Import contacts from “%1”</source>
        <translation>从“%1”导入联系人</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Save rejected rows…</source>
        <translation>保存未导入的行…</translation>
    </message>
    <message>
        <source>Save the entries that were not imported as a file to correct and import.</source>
        <translation>将未导入的条目保存为文件，更正后再导入。</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>First values</source>
        <translation>前几个值</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>导入为</translation>
    </message>
    <message numerus="yes">
        <source>Liaison does not know %n of the columns (highlighted): choose what each holds, or leave it out.</source>
        <translation>
            <numerusform>Liaison 无法识别其中 %n 列（已突出显示）：请选择每列的内容，或不导入该列。</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose what each column holds.</source>
        <translation>请选择每列的内容。</translation>
    </message>
    <message>
        <source>Liaison does not know this column: choose what it holds.</source>
        <translation>Liaison 无法识别此列：请选择其内容。</translation>
    </message>
    <message>
        <source>Don&apos;t import</source>
        <translation>不导入</translation>
    </message>
</context>
<context>
    <name>Interactions</name>
    <message>
        <source>Give the date of the interaction.</source>
        <translation>请填写交往日期。</translation>
    </message>
    <message>
        <source>An interaction cannot be in the future: log it once it has happened.</source>
        <translation>交往日期不能晚于今天：请在交往发生后再记录。</translation>
    </message>
    <message>
        <source>Choose at least one person or a partnership.</source>
        <translation>请至少选择一位人员或一个友城关系。</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会见</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>Greeting sent</source>
        <translation>发送问候</translation>
    </message>
    <message>
        <source>Gift</source>
        <translation>礼品</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>访问</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>One of the chosen people no longer exists.</source>
        <translation>所选人员中有人已不存在。</translation>
    </message>
    <message>
        <source>The chosen partnership no longer exists.</source>
        <translation>所选友城关系已不存在。</translation>
    </message>
    <message>
        <source>The chosen delegation no longer exists.</source>
        <translation>所选代表团已不存在。</translation>
    </message>
    <message>
        <source>The chosen staff member no longer exists.</source>
        <translation>所选工作人员已不存在。</translation>
    </message>
</context>
<context>
    <name>ItineraryTable</name>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>活动内容</translation>
    </message>
    <message>
        <source>no day</source>
        <translation>日期未定</translation>
    </message>
    <message>
        <source>Add to the programme</source>
        <translation>添加日程</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Double-click a cell to change it; times as 09:30</source>
        <translation>双击单元格即可修改；时间格式如 09:30</translation>
    </message>
</context>
<context>
    <name>LogInteractionDialog</name>
    <message>
        <source>Discard this interaction without logging it?</source>
        <translation>放弃此次交往，不予记录？</translation>
    </message>
    <message>
        <source>Log an interaction</source>
        <translation>记录交往</translation>
    </message>
    <message>
        <source>&amp;What:</source>
        <translation>类型(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation>日期(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;With:</source>
        <translation>对象(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Partnership:</source>
        <translation>友城关系(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>What was said or agreed, what comes next</source>
        <translation>谈了什么、商定了什么、下一步做什么</translation>
    </message>
    <message>
        <source>Log the interaction (Ctrl+Return)</source>
        <translation>记录此次交往（Ctrl+Return）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Today&apos;s automatic backup could not be made: {reason}</source>
        <translation>今天的自动备份未能完成：{reason}</translation>
    </message>
    <message>
        <source>Liaison — international relations</source>
        <translation>Liaison — 国际交往</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About Liaison</source>
        <translation>关于 Liaison(&amp;A)</translation>
    </message>
    <message>
        <source>User &amp;guide</source>
        <translation>用户指南(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Command palette…</source>
        <translation>命令面板(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Send &amp;greetings…</source>
        <translation>发送问候(&amp;G)…</translation>
    </message>
    <message>
        <source>Greeting &amp;templates…</source>
        <translation>问候模板(&amp;T)…</translation>
    </message>
    <message>
        <source>Possible &amp;duplicates…</source>
        <translation>可能重复的联系人(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Hand over to a successor…</source>
        <translation>移交给接任者(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Take over from a colleague…</source>
        <translation>接收同事的交接(&amp;T)…</translation>
    </message>
    <message>
        <source>Restore from a bac&amp;kup…</source>
        <translation>从备份恢复(&amp;K)…</translation>
    </message>
    <message>
        <source>Show &amp;archived contacts</source>
        <translation>显示已归档联系人(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>New &amp;partnership…</source>
        <translation>新建友城关系(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Log interaction…</source>
        <translation>记录交往(&amp;L)…</translation>
    </message>
    <message>
        <source>New &amp;delegation visit…</source>
        <translation>新建代表团访问(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Gift register…</source>
        <translation>礼品台账(&amp;G)…</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Partnerships</source>
        <translation>友城关系</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
</context>
<context>
    <name>MembersTable</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Role in the delegation</source>
        <translation>团内角色</translation>
    </message>
    <message>
        <source>Add a person:</source>
        <translation>添加人员：</translation>
    </message>
    <message>
        <source>Type part of a name, in any script</source>
        <translation>输入部分姓名，汉字或拉丁字母均可</translation>
    </message>
    <message>
        <source>Add member</source>
        <translation>添加成员</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Members are listed in protocol order</source>
        <translation>成员按礼宾顺序排列</translation>
    </message>
</context>
<context>
    <name>NationalDays</name>
    <message>
        <source>China: National Day</source>
        <translation>中国：国庆节</translation>
    </message>
    <message>
        <source>Norway: Constitution Day</source>
        <translation>挪威：宪法日</translation>
    </message>
    <message>
        <source>Belgium: National Day</source>
        <translation>比利时：国庆日</translation>
    </message>
    <message>
        <source>Denmark: Constitution Day</source>
        <translation>丹麦：宪法日</translation>
    </message>
    <message>
        <source>Germany: Day of German Unity</source>
        <translation>德国：德国统一日</translation>
    </message>
    <message>
        <source>Sweden: National Day</source>
        <translation>瑞典：国庆日</translation>
    </message>
    <message>
        <source>France: Bastille Day</source>
        <translation>法国：国庆日（巴士底日）</translation>
    </message>
    <message>
        <source>Poland: Constitution Day</source>
        <translation>波兰：宪法日</translation>
    </message>
    <message>
        <source>Finland: Independence Day</source>
        <translation>芬兰：独立日</translation>
    </message>
    <message>
        <source>Italy: Republic Day</source>
        <translation>意大利：共和国日</translation>
    </message>
    <message>
        <source>Spain: National Day</source>
        <translation>西班牙：国庆日</translation>
    </message>
    <message>
        <source>Austria: National Day</source>
        <translation>奥地利：国庆日</translation>
    </message>
    <message>
        <source>Switzerland: National Day</source>
        <translation>瑞士：国庆日</translation>
    </message>
    <message>
        <source>Ireland: Saint Patrick&apos;s Day</source>
        <translation>爱尔兰：圣帕特里克节</translation>
    </message>
    <message>
        <source>Portugal: Portugal Day</source>
        <translation>葡萄牙：葡萄牙日</translation>
    </message>
    <message>
        <source>Czechia: Independence Day</source>
        <translation>捷克：独立日</translation>
    </message>
    <message>
        <source>Iceland: National Day</source>
        <translation>冰岛：国庆日</translation>
    </message>
    <message>
        <source>Luxembourg: National Day</source>
        <translation>卢森堡：国庆日</translation>
    </message>
    <message>
        <source>Hungary: Saint Stephen&apos;s Day</source>
        <translation>匈牙利：圣伊什特万节</translation>
    </message>
    <message>
        <source>Greece: Independence Day</source>
        <translation>希腊：独立日</translation>
    </message>
    <message>
        <source>United States: Independence Day</source>
        <translation>美国：独立日</translation>
    </message>
    <message>
        <source>Netherlands: King&apos;s Day</source>
        <translation>荷兰：国王节</translation>
    </message>
</context>
<context>
    <name>Occasions</name>
    <message>
        <source>Partnership with {partner}: {years} years</source>
        <translation>与{partner}结好 {years} 周年</translation>
    </message>
    <message>
        <source>Birthday of {name}</source>
        <translation>{name}生日</translation>
    </message>
    <message>
        <source>Birthday of {name} ({age})</source>
        <translation>{name}生日（{age} 岁）</translation>
    </message>
    <message>
        <source>Birthday of {name} (lunar {month}/{day})</source>
        <translation>{name}生日（农历 {month}/{day}）</translation>
    </message>
    <message>
        <source>Birthday of {name} (lunar {month}/{day}, {age})</source>
        <translation>{name}生日（农历 {month}/{day}，{age} 岁）</translation>
    </message>
    <message>
        <source>Review of “{title}” ({partner})</source>
        <translation>复核“{title}”（{partner}）</translation>
    </message>
    <message>
        <source>“{title}” expires ({partner})</source>
        <translation>“{title}”到期（{partner}）</translation>
    </message>
    <message>
        <source>Follow-up: {description}</source>
        <translation>跟进事项：{description}</translation>
    </message>
    <message>
        <source>Keep in touch with {partner}</source>
        <translation>与{partner}保持联系</translation>
    </message>
    <message>
        <source>Keep in touch with {name}</source>
        <translation>与{name}保持联系</translation>
    </message>
    <message>
        <source>Visit begins: {title}</source>
        <translation>访问开始：{title}</translation>
    </message>
    <message>
        <source>Visit ends: {title}</source>
        <translation>访问结束：{title}</translation>
    </message>
    <message>
        <source>New Year&apos;s Day</source>
        <translation>元旦</translation>
    </message>
    <message>
        <source>Spring Festival</source>
        <translation>春节</translation>
    </message>
    <message>
        <source>Lantern Festival</source>
        <translation>元宵节</translation>
    </message>
    <message>
        <source>Qingming Festival</source>
        <translation>清明节</translation>
    </message>
    <message>
        <source>Dragon Boat Festival</source>
        <translation>端午节</translation>
    </message>
    <message>
        <source>Mid-Autumn Festival</source>
        <translation>中秋节</translation>
    </message>
    <message>
        <source>Double Ninth Festival</source>
        <translation>重阳节</translation>
    </message>
    <message>
        <source>Christmas</source>
        <translation>圣诞节</translation>
    </message>
    <message>
        <source>round anniversary: start planning</source>
        <translation>逢整周年：请着手筹备</translation>
    </message>
    <message>
        <source>sometime this year</source>
        <translation>今年内</translation>
    </message>
    <message>
        <source>sometime in {year}</source>
        <translation>{year} 年内</translation>
    </message>
    <message>
        <source>this month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>tomorrow</source>
        <translation>明天</translation>
    </message>
    <message>
        <source>in {days} days</source>
        <translation>{days} 天后</translation>
    </message>
    <message>
        <source>overdue since {date}</source>
        <translation>自 {date} 起已逾期</translation>
    </message>
    <message>
        <source>no contact for {days} days</source>
        <translation>已 {days} 天未联系</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <source>Something went wrong and nothing was changed. Details are in the log.</source>
        <translation>出现问题，未作任何更改。详细信息已记入日志。</translation>
    </message>
    <message>
        <source>Liaison</source>
        <translation>Liaison</translation>
    </message>
</context>
<context>
    <name>OrganisationDialog</name>
    <message>
        <source>New organisation</source>
        <translation>新建单位</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Chinese name:</source>
        <translation>中文名称(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;City or district:</source>
        <translation>城市或地区(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Website:</source>
        <translation>网站(&amp;W)：</translation>
    </message>
    <message>
        <source>e.g. Hefei Foreign Affairs Office</source>
        <translation>如 Hefei Foreign Affairs Office</translation>
    </message>
    <message>
        <source>e.g. 合肥市外事办公室</source>
        <translation>如 合肥市外事办公室</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Organisations</name>
    <message>
        <source>Foreign affairs office</source>
        <translation>外事办公室</translation>
    </message>
    <message>
        <source>City council</source>
        <translation>市政府</translation>
    </message>
    <message>
        <source>Chamber of commerce</source>
        <translation>商会</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>港口</translation>
    </message>
    <message>
        <source>University</source>
        <translation>大学</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Bridging organisation</source>
        <translation>桥梁机构</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Give the organisation a name.</source>
        <translation>请填写单位名称。</translation>
    </message>
    <message>
        <source>This organisation no longer exists.</source>
        <translation>该单位已不存在。</translation>
    </message>
    <message>
        <source>An organisation called “{name}” already exists.</source>
        <translation>已有名为“{name}”的单位。</translation>
    </message>
</context>
<context>
    <name>PartnershipDetail</name>
    <message>
        <source>since %1</source>
        <translation>自 %1 起</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>无</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>No contact logged yet</source>
        <translation>尚无联系记录</translation>
    </message>
    <message>
        <source>Last contact today (%1)</source>
        <translation>最近联系：今天（%1）</translation>
    </message>
    <message>
        <source>Last contact %1 (%2)</source>
        <translation>最近联系：%1（%2）</translation>
    </message>
    <message>
        <source>Agreements</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>访问</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>交往记录</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>跟进事项</translation>
    </message>
    <message>
        <source>Country:</source>
        <translation>国家：</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Formalised on:</source>
        <translation>结好时间：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Cooperation areas:</source>
        <translation>合作领域：</translation>
    </message>
    <message>
        <source>Owner:</source>
        <translation>负责人：</translation>
    </message>
    <message>
        <source>Champions:</source>
        <translation>关键人物：</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Add agreement…</source>
        <translation>添加协议…</translation>
    </message>
    <message>
        <source>Add visit…</source>
        <translation>添加访问…</translation>
    </message>
    <message>
        <source>Open visit…</source>
        <translation>打开访问…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Open document</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>No agreements recorded yet. Add the MoU or friendship-city agreement, and later letters of intent, project agreements and contracts.</source>
        <translation>尚未记录任何协议。请先添加谅解备忘录或友好城市协议，之后再添加意向书、项目协议和合同。</translation>
    </message>
    <message>
        <source>No visits recorded yet: incoming and outgoing delegations appear here.</source>
        <translation>尚未记录任何访问：来访和出访代表团将显示在这里。</translation>
    </message>
    <message>
        <source>No people yet: choose champions in the partnership, or add contacts of the partner city&apos;s organisations.</source>
        <translation>尚无人员：请在友城关系中选定关键人物，或添加伙伴城市各单位的联系人。</translation>
    </message>
    <message>
        <source>Nothing open: every follow-up is done.</source>
        <translation>没有未完成的事项：所有跟进事项均已完成。</translation>
    </message>
    <message>
        <source>No interactions logged yet. Log a meeting, a call or a greeting.</source>
        <translation>尚无交往记录。可记录一次会见、电话或问候。</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Signed on</source>
        <translation>签署日期</translation>
    </message>
    <message>
        <source>Review / expiry</source>
        <translation>复核 / 到期</translation>
    </message>
    <message>
        <source>Signed by: %1</source>
        <translation>签署人：%1</translation>
    </message>
    <message>
        <source>Double-click to open</source>
        <translation>双击打开</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>访问</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>团长</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation>中文姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Position in Chinese</source>
        <translation>中文职务</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Champion</source>
        <translation>关键人物</translation>
    </message>
    <message>
        <source>Delegation: %1</source>
        <translation>代表团：%1</translation>
    </message>
    <message>
        <source>Partner city</source>
        <translation>伙伴城市</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>负责人</translation>
    </message>
</context>
<context>
    <name>PartnershipEditor</name>
    <message>
        <source>(choose a place)</source>
        <translation>（请选择城市或地区）</translation>
    </message>
    <message>
        <source>Discard your changes to this partnership?</source>
        <translation>放弃对该友城关系的修改？</translation>
    </message>
    <message>
        <source>New partnership</source>
        <translation>新建友城关系</translation>
    </message>
    <message>
        <source>Edit partnership — {name}</source>
        <translation>编辑友城关系 — {name}</translation>
    </message>
    <message>
        <source>&amp;Partner city:</source>
        <translation>伙伴城市(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>类型(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Formalised on:</source>
        <translation>结好时间(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>状态(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Keep in touch:</source>
        <translation>保持联系(&amp;K)：</translation>
    </message>
    <message>
        <source>Cooperation &amp;areas:</source>
        <translation>合作领域(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Champions:</source>
        <translation>关键人物(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation>负责人(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>New place…</source>
        <translation>新建地点…</translation>
    </message>
    <message>
        <source>Add a city or district that is not listed</source>
        <translation>添加列表中没有的城市或地区</translation>
    </message>
    <message>
        <source>1985, 1986-10 or 2009-10-29</source>
        <translation>1985、1986-10 或 2009-10-29</translation>
    </message>
    <message>
        <source>As much of the date as is known: the year, the month or the day.</source>
        <translation>已知多少填多少：精确到年、月或日均可。</translation>
    </message>
    <message>
        <source>Separated by commas, e.g. culture, ports</source>
        <translation>用逗号分隔，如 文化, 港口</translation>
    </message>
    <message>
        <source>What a successor should know</source>
        <translation>继任者应当了解的情况</translation>
    </message>
    <message>
        <source>The people on both sides who keep this partnership alive</source>
        <translation>双方维系这一友城关系的关键人物</translation>
    </message>
    <message>
        <source>Never remind me</source>
        <translation>从不提醒</translation>
    </message>
    <message>
        <source>Every … days</source>
        <translation>每隔若干天</translation>
    </message>
    <message>
        <source>When to remind you if there has been no interaction with this partnership. By default it depends on the status.</source>
        <translation>与此友城关系多久没有往来时提醒您。默认间隔取决于关系状态。</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Days without an interaction</source>
        <translation>无往来的天数</translation>
    </message>
    <message>
        <source>Save the partnership (Ctrl+S)</source>
        <translation>保存友城关系（Ctrl+S）</translation>
    </message>
    <message numerus="yes">
        <source>Status default (%n day(s))</source>
        <translation>
            <numerusform>按状态默认（%n 天）</numerusform>
        </translation>
    </message>
    <message>
        <source>Status default (never)</source>
        <translation>按状态默认（从不提醒）</translation>
    </message>
    <message>
        <source>Partnership deleted</source>
        <translation>友城关系已被删除</translation>
    </message>
    <message>
        <source>Save your version as a new partnership?</source>
        <translation>将您的版本另存为新的友城关系？</translation>
    </message>
    <message>
        <source>Save as new</source>
        <translation>另存为新友城关系</translation>
    </message>
    <message>
        <source>Back to editing</source>
        <translation>返回编辑</translation>
    </message>
</context>
<context>
    <name>Partnerships</name>
    <message>
        <source>Choose the partner city or district.</source>
        <translation>请选择伙伴城市或地区。</translation>
    </message>
    <message>
        <source>Give the place a name.</source>
        <translation>请填写地点名称。</translation>
    </message>
    <message>
        <source>Give the country as its two-letter code, e.g. CN, DE or NO.</source>
        <translation>请用两位字母代码填写国家，如 CN、DE 或 NO。</translation>
    </message>
    <message>
        <source>“{value}” is not a country code: use two letters, e.g. CN, DE or NO.</source>
        <translation>“{value}” 不是有效的国家代码：请使用两位字母，如 CN、DE 或 NO。</translation>
    </message>
    <message>
        <source>Give at least the year: 1985, 1986-10 or 2009-10-29.</source>
        <translation>请至少填写年份：1985、1986-10 或 2009-10-29。</translation>
    </message>
    <message>
        <source>This text is too long (at most {limit} characters).</source>
        <translation>内容过长（最多 {limit} 个字符）。</translation>
    </message>
    <message>
        <source>Keep in touch every 1 to {limit} days, or never.</source>
        <translation>保持联系的间隔应为 1 至 {limit} 天，或从不提醒。</translation>
    </message>
    <message>
        <source>Sister city</source>
        <translation>姐妹城市</translation>
    </message>
    <message>
        <source>Friendship city</source>
        <translation>友好城市</translation>
    </message>
    <message>
        <source>Twinning</source>
        <translation>结对城市</translation>
    </message>
    <message>
        <source>Friendly exchange</source>
        <translation>友好交流城市</translation>
    </message>
    <message>
        <source>Port partnership</source>
        <translation>友好港</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Exploring</source>
        <translation>洽谈中</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>活跃</translation>
    </message>
    <message>
        <source>Dormant</source>
        <translation>休眠</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>This partnership no longer exists.</source>
        <translation>该友城关系已不存在。</translation>
    </message>
    <message>
        <source>The chosen place no longer exists.</source>
        <translation>所选地点已不存在。</translation>
    </message>
    <message>
        <source>The chosen owner is not a staff member.</source>
        <translation>所选负责人不是本办工作人员。</translation>
    </message>
    <message>
        <source>One of the chosen champions no longer exists.</source>
        <translation>所选关键人物中有人已不存在。</translation>
    </message>
</context>
<context>
    <name>PartnershipsModel</name>
    <message>
        <source>Partner</source>
        <translation>伙伴城市</translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Formalised on</source>
        <translation>结好时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Cooperation areas</source>
        <translation>合作领域</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Champions</source>
        <translation>关键人物</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>最近联系</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>跟进事项</translation>
    </message>
</context>
<context>
    <name>PartnershipsPage</name>
    <message>
        <source>No partnership matches “%1”.</source>
        <translation>没有与“%1”匹配的友城关系。</translation>
    </message>
    <message>
        <source>%1 of %2 partnerships</source>
        <translation>%1 / %2 个友城关系</translation>
    </message>
    <message numerus="yes">
        <source>%n partnership(s)</source>
        <translation>
            <numerusform>共 %n 个友城关系</numerusform>
        </translation>
    </message>
    <message>
        <source>Partnership saved.</source>
        <translation>友城关系已保存。</translation>
    </message>
    <message>
        <source>Interaction logged.</source>
        <translation>交往已记录。</translation>
    </message>
    <message>
        <source>Partnerships</source>
        <translation>友城关系</translation>
    </message>
    <message>
        <source>Search by partner (English, 汉字 or pinyin), country, area or owner</source>
        <translation>按伙伴城市（英文、汉字或拼音）、国家、合作领域或负责人搜索</translation>
    </message>
    <message>
        <source>New partnership</source>
        <translation>新建友城关系</translation>
    </message>
    <message>
        <source>No partnerships yet</source>
        <translation>还没有友城关系</translation>
    </message>
    <message>
        <source>Add your city&apos;s first partner: the place, when the partnership was formalised (the year is enough), who champions it on both sides. Agreements, visits and every interaction then gather under it.</source>
        <translation>添加本市的第一个伙伴城市：地点、结好时间（填年份即可）以及双方的关键人物。此后，协议、访问和每一次交往都将汇集于此。</translation>
    </message>
    <message>
        <source>Add a partnership</source>
        <translation>添加友城关系</translation>
    </message>
    <message>
        <source>Search looks at partner names in English, Chinese characters and pinyin (ningbo, nb), countries, cooperation areas and owners.</source>
        <translation>可按伙伴城市的英文名、汉字和拼音（如 ningbo 或 nb）、国家、合作领域和负责人搜索。</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>清除搜索</translation>
    </message>
    <message>
        <source>Select a partnership to see its agreements, visits, people and history.</source>
        <translation>选择一个友城关系，即可查看其协议、访问、人员和交往历史。</translation>
    </message>
    <message>
        <source>&amp;New partnership…</source>
        <translation>新建友城关系(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Edit partnership…</source>
        <translation>编辑友城关系(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Log interaction…</source>
        <translation>记录交往(&amp;L)…</translation>
    </message>
    <message>
        <source>Log a meeting, call, e-mail or greeting (Ctrl+L)</source>
        <translation>记录会见、电话、邮件或问候（Ctrl+L）</translation>
    </message>
</context>
<context>
    <name>PlaceDialog</name>
    <message>
        <source>New place</source>
        <translation>新建地点</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Chinese name:</source>
        <translation>中文名称(&amp;C)：</translation>
    </message>
    <message>
        <source>C&amp;ountry code:</source>
        <translation>国家代码(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Province or region:</source>
        <translation>省份或地区(&amp;P)：</translation>
    </message>
    <message>
        <source>e.g. Ningbo</source>
        <translation>如 Ningbo</translation>
    </message>
    <message>
        <source>e.g. 宁波</source>
        <translation>如 宁波</translation>
    </message>
    <message>
        <source>Two letters (ISO 3166): CN, DE, NO, BE…</source>
        <translation>两位字母（ISO 3166）：CN、DE、NO、BE…</translation>
    </message>
    <message>
        <source>e.g. Zhejiang</source>
        <translation>如 Zhejiang</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>There is no backup of it in “{folder}”: choose a backup file to restore, or quit.</source>
        <translation>“{folder}”中没有该数据库的备份：请选择要恢复的备份文件，或退出。</translation>
    </message>
    <message>
        <source>Restore the latest backup, from {when}? The file as it is now is kept in “{folder}”.</source>
        <translation>要恢复最近一次备份（{when}）吗？当前文件将原样保留在“{folder}”中。</translation>
    </message>
    <message>
        <source>Restore latest</source>
        <translation>恢复最近备份</translation>
    </message>
    <message>
        <source>Choose a backup…</source>
        <translation>选择备份…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation>正在恢复备份…</translation>
    </message>
</context>
<context>
    <name>Reminders</name>
    <message>
        <source>An interval is a whole number of days from 1 to 3650, or none.</source>
        <translation>间隔应为 1 至 3650 之间的整数天数，或不设置。</translation>
    </message>
</context>
<context>
    <name>Restore</name>
    <message>
        <source>There is no file “{name}”.</source>
        <translation>找不到文件“{name}”。</translation>
    </message>
    <message>
        <source>The backup “{name}” is damaged and cannot be restored.</source>
        <translation>备份“{name}”已损坏，无法恢复。</translation>
    </message>
    <message>
        <source>“{name}” is not a Liaison database, so it cannot be restored.</source>
        <translation>“{name}”不是 Liaison 数据库，因此无法恢复。</translation>
    </message>
    <message>
        <source>The backup “{name}” was written by a newer version of Liaison: update Liaison to restore it.</source>
        <translation>备份“{name}”由更新版本的 Liaison 生成：请先升级 Liaison 再恢复。</translation>
    </message>
    <message>
        <source>The backup “{name}” cannot be read: {reason}</source>
        <translation>无法读取备份“{name}”：{reason}</translation>
    </message>
    <message>
        <source>“{name}” is the database itself: choose a backup of it instead.</source>
        <translation>“{name}”就是数据库本身：请改为选择它的备份。</translation>
    </message>
    <message>
        <source>Only a database file can be restored here: a server&apos;s backup (its JSON export) is restored into a new database with the command “crm restore”.</source>
        <translation>此处只能恢复数据库文件：服务器的备份（其 JSON 导出文件）请使用命令“crm restore”恢复到新数据库中。</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Choose a backup</source>
        <translation>选择备份</translation>
    </message>
    <message>
        <source>Liaison databases (*.sqlite3 *.sqlite *.db);;All files (*)</source>
        <translation>Liaison 数据库 (*.sqlite3 *.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Restore the backup from {when}? The database you have now is not deleted: it is kept in “{folder}”.</source>
        <translation>要恢复 {when} 的备份吗？当前的数据库不会被删除，而会保留在“{folder}”中。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>正在检查备份…</translation>
    </message>
    <message>
        <source>Made on {when}: {contacts}, {size}.</source>
        <translation>备份于 {when}：{contacts}，{size}。</translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s)</source>
        <translation>
            <numerusform>%n 位联系人</numerusform>
        </translation>
    </message>
    <message>
        <source>The backup from {when} is restored.</source>
        <translation>已恢复 {when} 的备份。</translation>
    </message>
    <message>
        <source>The backup from {when} is restored. The database it replaced is kept as “{path}”.</source>
        <translation>已恢复 {when} 的备份。被替换的数据库已保留为“{path}”。</translation>
    </message>
    <message>
        <source>Restore the database from a backup</source>
        <translation>从备份恢复数据库</translation>
    </message>
    <message>
        <source>Choose the backup to put in the place of the database. The database you have now is not deleted: it is kept in “{folder}”.</source>
        <translation>请选择用来替换当前数据库的备份。当前的数据库不会被删除，而会保留在“{folder}”中。</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>There are no backups of this database yet: choose a file to restore from.</source>
        <translation>该数据库还没有备份：请选择用于恢复的文件。</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>(not set)</source>
        <translation>（未设置）</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Start Liaison when I log in</source>
        <translation>登录时启动 Liaison(&amp;S)</translation>
    </message>
    <message>
        <source>Liaison starts in the tray and checks for reminders without being opened.</source>
        <translation>Liaison 将在系统托盘中启动，无需打开窗口即可检查提醒。</translation>
    </message>
    <message>
        <source>Closing the window &amp;keeps Liaison running in the tray</source>
        <translation>关闭窗口后 Liaison 继续在托盘中运行(&amp;K)</translation>
    </message>
    <message>
        <source>To quit, choose Quit in the File menu or in the tray icon&apos;s menu.</source>
        <translation>如需退出，请在“文件”菜单或托盘图标菜单中选择“退出”。</translation>
    </message>
    <message>
        <source>Check for reminders every &amp;day at:</source>
        <translation>每天检查提醒的时间(&amp;D)：</translation>
    </message>
    <message>
        <source>Show a desktop &amp;notification for new reminders</source>
        <translation>有新提醒时显示桌面通知(&amp;N)</translation>
    </message>
    <message>
        <source>Keep in touch</source>
        <translation>保持联系</translation>
    </message>
    <message>
        <source>Remind me of a partner city after this many days without contact, by the status of the partnership:</source>
        <translation>按友城关系状态，与伙伴城市无往来超过以下天数时提醒我：</translation>
    </message>
    <message>
        <source>{status}:</source>
        <translation>{status}：</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>And of the people with one of these &amp;tags, after this many days:</source>
        <translation>带有以下标签(&amp;T)的联系人，无往来超过以下天数时也提醒我：</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>Choose a tag used on your contacts</source>
        <translation>选择联系人已使用的标签</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Mail</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>The mail server that sends greetings, as your mail program is set up.</source>
        <translation>用于发送问候的邮件服务器，按您的邮件程序中的设置填写。</translation>
    </message>
    <message>
        <source>Mail &amp;server:</source>
        <translation>邮件服务器(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Default: 587 with STARTTLS, 465 with SSL, 25 without encryption.</source>
        <translation>默认：STARTTLS 为 587，SSL 为 465，不加密为 25。</translation>
    </message>
    <message>
        <source>&amp;Encryption:</source>
        <translation>加密方式(&amp;E)：</translation>
    </message>
    <message>
        <source>None (only on your own network)</source>
        <translation>不加密（仅限本单位内网）</translation>
    </message>
    <message>
        <source>STARTTLS (usually port 587)</source>
        <translation>STARTTLS（通常为 587 端口）</translation>
    </message>
    <message>
        <source>SSL/TLS (usually port 465)</source>
        <translation>SSL/TLS（通常为 465 端口）</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>Se&amp;nder address:</source>
        <translation>发件人地址(&amp;N)：</translation>
    </message>
    <message>
        <source>The address greetings come from, and the one replies go to.</source>
        <translation>问候邮件的发件地址，也是接收回复的地址。</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>Kept in the system keyring, not here</source>
        <translation>保存在系统密钥环中，而非此处</translation>
    </message>
    <message>
        <source>Save password in the system &amp;keyring</source>
        <translation>将密码保存到系统密钥环(&amp;K)</translation>
    </message>
    <message>
        <source>The password is saved in the system keyring.</source>
        <translation>密码已保存到系统密钥环。</translation>
    </message>
    <message>
        <source>Our office</source>
        <translation>本办公室</translation>
    </message>
    <message>
        <source>&amp;Your name for colleagues:</source>
        <translation>向同事显示的姓名(&amp;Y)：</translation>
    </message>
    <message>
        <source>Saved with each contact, partnership and visit you change, so that a colleague who edits the same one at the same time knows who changed it.</source>
        <translation>您修改联系人、友城关系或访问时，此姓名会随之保存，以便同时编辑同一条记录的同事知道是谁作了修改。</translation>
    </message>
    <message>
        <source>These sign the greetings you send.</source>
        <translation>以下信息用于您所发问候的落款。</translation>
    </message>
    <message>
        <source>Our &amp;city:</source>
        <translation>本市(&amp;C)：</translation>
    </message>
    <message>
        <source>Our city in C&amp;hinese:</source>
        <translation>本市中文名(&amp;H)：</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>您的姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>Your name in Ch&amp;inese:</source>
        <translation>您的中文姓名(&amp;I)：</translation>
    </message>
    <message>
        <source>Your &amp;title:</source>
        <translation>您的职务(&amp;T)：</translation>
    </message>
    <message>
        <source>Your title in Chin&amp;ese:</source>
        <translation>您的中文职务(&amp;E)：</translation>
    </message>
    <message>
        <source>Our c&amp;ountry:</source>
        <translation>所在国家(&amp;O)：</translation>
    </message>
    <message>
        <source>Its national day is on the agenda, beside those of our partners&apos; countries.</source>
        <translation>本国国庆日将与伙伴城市所在国家的国庆日一起列入日程。</translation>
    </message>
    <message>
        <source>Write to Chinese-speaking contacts in Chinese, then in En&amp;glish</source>
        <translation>给讲中文的联系人先用中文、再用英文书写(&amp;G)</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Find a command…</source>
        <translation>查找命令…</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>The Edit menu ends with the commands of the page on show. %1 opens the command palette: type a few letters of any command and press Enter.</source>
        <translation>“编辑”菜单末尾是当前页面的命令。按 %1 打开命令面板：输入任意命令的几个字，然后按回车。</translation>
    </message>
</context>
<context>
    <name>Staff</name>
    <message>
        <source>Give the staff member&apos;s name.</source>
        <translation>请填写工作人员姓名。</translation>
    </message>
    <message>
        <source>A staff member called “{name}” already exists.</source>
        <translation>已有名为“{name}”的工作人员。</translation>
    </message>
    <message>
        <source>“{value}” is not an e-mail address.</source>
        <translation>“{value}” 不是有效的电子邮箱地址。</translation>
    </message>
    <message>
        <source>There is no staff member called “{name}”.</source>
        <translation>没有名为“{name}”的工作人员。</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <source>New staff member</source>
        <translation>新建工作人员</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>电子邮箱(&amp;E)：</translation>
    </message>
    <message>
        <source>As colleagues write it, e.g. Anna Berg</source>
        <translation>按同事的常用写法，如 Anna Berg</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Store</name>
    <message>
        <source>“{where}” is not a Liaison database.</source>
        <translation>“{where}” 不是 Liaison 数据库。</translation>
    </message>
    <message>
        <source>This database was written by a newer version of Liaison: update Liaison to open it.</source>
        <translation>该数据库由更新版本的 Liaison 创建：请升级 Liaison 后再打开。</translation>
    </message>
    <message>
        <source>The database “{where}” cannot be opened: {reason}</source>
        <translation>无法打开数据库“{where}”：{reason}</translation>
    </message>
    <message>
        <source>The database “{where}” is damaged (it may have been cut short when the computer stopped).</source>
        <translation>数据库“{where}”已损坏（可能是电脑意外停止运行时文件未能完整写入）。</translation>
    </message>
    <message>
        <source>The database is busy: another window or program is writing to it. Try again in a moment.</source>
        <translation>数据库正忙：另一个窗口或程序正在写入数据。请稍后重试。</translation>
    </message>
    <message>
        <source>The disk is full or could not be written, so nothing was saved.</source>
        <translation>磁盘已满或无法写入，因此未保存任何内容。</translation>
    </message>
    <message>
        <source>The database cannot be changed because its file or folder is read-only, so nothing was saved.</source>
        <translation>数据库文件或其所在文件夹为只读，无法修改数据库，因此未保存任何内容。</translation>
    </message>
    <message>
        <source>The disk is read-only, so nothing was saved.</source>
        <translation>磁盘为只读，因此未保存任何内容。</translation>
    </message>
    <message>
        <source>The database file is damaged, so nothing was saved: restore it from a backup.</source>
        <translation>数据库文件已损坏，因此未保存任何内容：请从备份恢复。</translation>
    </message>
    <message>
        <source>The database server cannot be reached: check the network connection, or ask whoever looks after the server.</source>
        <translation>无法连接数据库服务器：请检查网络连接，或联系服务器管理人员。</translation>
    </message>
    <message>
        <source>The database server “{where}” cannot be reached: check the network connection, or ask whoever looks after the server.</source>
        <translation>无法连接数据库服务器“{where}”：请检查网络连接，或联系服务器管理人员。</translation>
    </message>
    <message>
        <source>The database server did not accept the user name or password.</source>
        <translation>数据库服务器拒绝了用户名或密码。</translation>
    </message>
</context>
<context>
    <name>TagIntervalsModel</name>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>Discard your changes to this template?</source>
        <translation>放弃对此模板的更改吗？</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
    <message>
        <source>Restore the original</source>
        <translation>恢复原始模板</translation>
    </message>
    <message>
        <source>Replace your office&apos;s words with the ones Liaison comes with?</source>
        <translation>用 Liaison 自带的措辞替换本办公室的措辞吗？</translation>
    </message>
    <message>
        <source>Greeting template: {occasion}</source>
        <translation>问候模板：{occasion}</translation>
    </message>
    <message>
        <source>&amp;Occasion:</source>
        <translation>场合(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>主题(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>正文(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Variables (click to insert):</source>
        <translation>变量（单击插入）(&amp;V)：</translation>
    </message>
    <message>
        <source>Preview &amp;for:</source>
        <translation>预览对象(&amp;F)：</translation>
    </message>
    <message>
        <source>(choose a contact)</source>
        <translation>（选择联系人）</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <source>Choose a contact to see the message they would get.</source>
        <translation>选择一位联系人，查看其将收到的邮件。</translation>
    </message>
    <message>
        <source>&amp;Restore the original</source>
        <translation>恢复原始模板(&amp;R)</translation>
    </message>
    <message>
        <source>Use the words Liaison comes with again for this occasion and language.</source>
        <translation>此场合和语言重新使用 Liaison 自带的措辞。</translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation>保存(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>These are your office&apos;s own words.</source>
        <translation>这是本办公室自己的措辞。</translation>
    </message>
    <message>
        <source>These are the words Liaison comes with.</source>
        <translation>这是 Liaison 自带的措辞。</translation>
    </message>
    <message>
        <source>The opening line: “Dear Dr Müller,” / “尊敬的王主任：”</source>
        <translation>称呼行：“Dear Dr Müller,” / “尊敬的王主任：”</translation>
    </message>
    <message>
        <source>The contact&apos;s family name in Latin letters</source>
        <translation>联系人的拉丁字母姓氏</translation>
    </message>
    <message>
        <source>The contact&apos;s given name in Latin letters</source>
        <translation>联系人的拉丁字母名字</translation>
    </message>
    <message>
        <source>The contact&apos;s Chinese name</source>
        <translation>联系人的中文姓名</translation>
    </message>
    <message>
        <source>The contact&apos;s position in English</source>
        <translation>联系人的英文职务</translation>
    </message>
    <message>
        <source>The contact&apos;s position in Chinese</source>
        <translation>联系人的中文职务</translation>
    </message>
    <message>
        <source>The contact&apos;s honorific, as typed</source>
        <translation>联系人的称谓（按录入原样）</translation>
    </message>
    <message>
        <source>The contact&apos;s names and position: {{ recipient.family_name }}</source>
        <translation>联系人的姓名和职务：{{ recipient.family_name }}</translation>
    </message>
    <message>
        <source>The occasion&apos;s name in the template&apos;s language</source>
        <translation>场合名称（使用模板的语言）</translation>
    </message>
    <message>
        <source>The occasion&apos;s code, such as mid_autumn</source>
        <translation>场合代码，例如 mid_autumn</translation>
    </message>
    <message>
        <source>The template&apos;s language: en or zh_CN</source>
        <translation>模板语言：en 或 zh_CN</translation>
    </message>
    <message>
        <source>The year of the occasion</source>
        <translation>场合所在年份</translation>
    </message>
    <message>
        <source>Our city</source>
        <translation>本市</translation>
    </message>
    <message>
        <source>Our city in Chinese</source>
        <translation>本市中文名</translation>
    </message>
    <message>
        <source>Who signs</source>
        <translation>落款人</translation>
    </message>
    <message>
        <source>Who signs, in Chinese</source>
        <translation>落款人中文姓名</translation>
    </message>
    <message>
        <source>The signer&apos;s title</source>
        <translation>落款人职务</translation>
    </message>
    <message>
        <source>The signer&apos;s title in Chinese</source>
        <translation>落款人中文职务</translation>
    </message>
    <message>
        <source>The partner city (anniversaries)</source>
        <translation>伙伴城市（用于纪念日）</translation>
    </message>
    <message>
        <source>The partner city in Chinese (anniversaries)</source>
        <translation>伙伴城市中文名（用于纪念日）</translation>
    </message>
    <message>
        <source>Which anniversary, as a number</source>
        <translation>第几周年（数字）</translation>
    </message>
    <message>
        <source>The country whose national day it is</source>
        <translation>国庆日所属国家</translation>
    </message>
    <message>
        <source>The country whose national day it is, in Chinese</source>
        <translation>国庆日所属国家的中文名</translation>
    </message>
    <message>
        <source>Anything else the campaign passes: {{ extra.name }}</source>
        <translation>问候活动传入的其他内容：{{ extra.name }}</translation>
    </message>
    <message>
        <source>The animal of the Chinese year</source>
        <translation>农历年的生肖（英文）</translation>
    </message>
    <message>
        <source>The animal of the Chinese year, in Chinese</source>
        <translation>农历年的生肖</translation>
    </message>
</context>
<context>
    <name>Toast</name>
    <message>
        <source>Show</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message numerus="yes">
        <source>Show %n more…</source>
        <translation>
            <numerusform>再显示 %n 项…</numerusform>
        </translation>
    </message>
    <message>
        <source>Mark “%1” done</source>
        <translation>将“%1”标为已完成</translation>
    </message>
    <message>
        <source>Marked done. Ctrl+Z brings it back.</source>
        <translation>已标为完成。按 Ctrl+Z 可恢复。</translation>
    </message>
    <message>
        <source>Snooze “%1”</source>
        <translation>推迟“%1”</translation>
    </message>
    <message>
        <source>Snoozed until %1.</source>
        <translation>已推迟至 %1。</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>以后</translation>
    </message>
    <message>
        <source>Next 30 days</source>
        <translation>未来 30 天</translation>
    </message>
    <message>
        <source>Next 3 months</source>
        <translation>未来 3 个月</translation>
    </message>
    <message>
        <source>Next 12 months</source>
        <translation>未来 12 个月</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Read the agenda again (F5)</source>
        <translation>重新读取日程（F5）</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Why now</source>
        <translation>提醒原因</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Log interaction…</source>
        <translation>记录交往(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Greet…</source>
        <translation>问候(&amp;G)…</translation>
    </message>
    <message>
        <source>Write or send greetings for this occasion, each in the person&apos;s language</source>
        <translation>为此场合撰写或发送问候，每人使用其本人的语言</translation>
    </message>
    <message>
        <source>Mark &amp;done</source>
        <translation>标为已完成(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Snooze</source>
        <translation>推迟(&amp;S)</translation>
    </message>
    <message>
        <source>Until tomorrow</source>
        <translation>推迟到明天</translation>
    </message>
    <message>
        <source>For 3 days</source>
        <translation>推迟 3 天</translation>
    </message>
    <message>
        <source>For a week</source>
        <translation>推迟一周</translation>
    </message>
    <message>
        <source>For a month</source>
        <translation>推迟一个月</translation>
    </message>
    <message>
        <source>Nothing due</source>
        <translation>暂无待办</translation>
    </message>
    <message>
        <source>No anniversary, birthday, festival, follow-up or visit in this period, and every partner has been in touch recently. Choose a longer period above, or add partnerships and contacts: their occasions appear here by themselves.</source>
        <translation>此期间没有纪念日、生日、节日、跟进事项或访问，所有伙伴近期都有往来。可在上方选择更长的时间范围，或添加友城关系和联系人：相关日程会自动显示在这里。</translation>
    </message>
    <message>
        <source>Nobody to remind you of yet</source>
        <translation>暂时还没有需要提醒的事项</translation>
    </message>
    <message>
        <source>Anniversaries, birthdays, festivals and follow-ups appear here once Liaison knows your partner cities and the people behind them. Load a sample office to look around in, or import your address book (vCard, CSV or Excel).</source>
        <translation>Liaison 了解您的友好城市及其联系人后，纪念日、生日、节日和跟进事项就会显示在这里。您可以载入示例数据先看一看，或导入您的通讯录（vCard、CSV 或 Excel）。</translation>
    </message>
    <message>
        <source>Load sample data</source>
        <translation>载入示例数据</translation>
    </message>
    <message>
        <source>Import contacts…</source>
        <translation>导入联系人…</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message numerus="yes">
        <source>Liaison: %n item(s) due</source>
        <translation>
            <numerusform>Liaison：%n 项待办</numerusform>
        </translation>
    </message>
    <message>
        <source>Liaison: nothing due</source>
        <translation>Liaison：暂无待办</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more</source>
        <translation>
            <numerusform>……另有 %n 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new reminder(s)</source>
        <translation>
            <numerusform>%n 条新提醒</numerusform>
        </translation>
    </message>
    <message>
        <source>Liaison is still running</source>
        <translation>Liaison 仍在运行</translation>
    </message>
    <message>
        <source>Reminders keep coming while Liaison waits in the tray. To stop it, choose Quit in the tray menu or press Ctrl+Q in the window.</source>
        <translation>Liaison 在托盘中等候，提醒会照常送达。如需退出，请在托盘菜单中选择“退出”，或在窗口中按 Ctrl+Q。</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>今天(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;New contact…</source>
        <translation>新建联系人(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Log interaction…</source>
        <translation>记录交往(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Quit Liaison</source>
        <translation>退出 Liaison(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>UnexpectedErrorDialog</name>
    <message>
        <source>The details are on the clipboard, to paste in a message.</source>
        <translation>详细信息已复制到剪贴板，可粘贴到邮件中发送。</translation>
    </message>
    <message>
        <source>The folder could not be opened; it is “{folder}”.</source>
        <translation>无法打开该文件夹，它位于“{folder}”。</translation>
    </message>
    <message numerus="yes">
        <source>%n more error(s) happened while this message was open.</source>
        <translation>
            <numerusform>此消息显示期间又发生了 %n 个错误。</numerusform>
        </translation>
    </message>
    <message>
        <source>Liaison: unexpected error</source>
        <translation>Liaison：意外错误</translation>
    </message>
    <message>
        <source>Something went wrong in Liaison. Your data is safe: a change is saved whole or not at all, so nothing was saved halfway.</source>
        <translation>Liaison 出现了问题。您的数据是安全的：每次修改要么完整保存，要么完全不保存，不会只保存一半。</translation>
    </message>
    <message>
        <source>What happened was written to the log file:</source>
        <translation>问题详情已写入日志文件：</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Partnership:</source>
        <translation>友城关系：</translation>
    </message>
    <message>
        <source>Direction:</source>
        <translation>来访/出访：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>First day:</source>
        <translation>开始日期：</translation>
    </message>
    <message>
        <source>Last day:</source>
        <translation>结束日期：</translation>
    </message>
    <message>
        <source>Leader:</source>
        <translation>团长：</translation>
    </message>
    <message>
        <source>Purpose:</source>
        <translation>来访目的：</translation>
    </message>
    <message>
        <source>Outcomes: what was agreed, signed or learnt</source>
        <translation>成果：达成的共识、签署的文件或获得的经验</translation>
    </message>
    <message>
        <source>Notes for whoever prepares the next visit</source>
        <translation>供下次访问筹备人员参考的备注</translation>
    </message>
    <message>
        <source>e.g. Hefei municipal delegation, spring 2025</source>
        <translation>如 合肥市政府代表团，2025 年春</translation>
    </message>
    <message>
        <source>(no partnership)</source>
        <translation>（不关联友城关系）</translation>
    </message>
    <message>
        <source>Incoming: they visit us. Outgoing: we visit them.</source>
        <translation>来访：对方来我市访问。出访：我方赴对方访问。</translation>
    </message>
    <message>
        <source>not yet known</source>
        <translation>待定</translation>
    </message>
    <message>
        <source>Pick a day from the calendar; Delete empties the field</source>
        <translation>从日历中选择日期；按 Delete 键可清空</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>The head of the delegation: a member, or anyone found by typing a name</source>
        <translation>代表团团长：可以是成员，也可输入姓名查找其他人</translation>
    </message>
    <message>
        <source>Why they come, what both sides hope for</source>
        <translation>访问缘由及双方期望</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>共 %n 天</numerusform>
        </translation>
    </message>
</context>
</TS>
