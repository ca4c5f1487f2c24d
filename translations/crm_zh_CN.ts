<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
        <source>The schema is not up to date: Liaison upgrades it (after a backup) the next time it opens the database.</source>
        <translation>数据库结构不是最新版本：Liaison 下次打开该数据库时会先备份，再进行升级。</translation>
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
        <source>Pinyin: {pinyin}</source>
        <translation>拼音：{pinyin}</translation>
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
        <source>This contact no longer exists.</source>
        <translation>该联系人已不存在。</translation>
    </message>
    <message>
        <source>This contact was changed elsewhere since you opened it: close and open it again.</source>
        <translation>打开后该联系人已在别处被修改：请关闭后重新打开。</translation>
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
        <source>Sample office loaded.</source>
        <translation>示例办公室数据已载入。</translation>
    </message>
    <message>
        <source>The sample office is already loaded.</source>
        <translation>示例办公室数据此前已载入。</translation>
    </message>
    <message>
        <source>Import contacts</source>
        <translation>导入联系人</translation>
    </message>
    <message>
        <source>Address books and spreadsheets (*.vcf *.vcard *.csv *.xlsx);;All files (*)</source>
        <translation>通讯录和电子表格 (*.vcf *.vcard *.csv *.xlsx);;所有文件 (*)</translation>
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
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Find contacts</source>
        <translation>查找联系人(&amp;F)</translation>
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
        <translation>“{name}” 中没有 Liaison 能识别的列：第一行应为列名，如 family_name、given_name、name_zh、emails，或 姓名、单位、邮箱。</translation>
    </message>
    <message>
        <source>“{name}” is too large to import (over {limit} MB).</source>
        <translation>“{name}” 过大，无法导入（超过 {limit} MB）。</translation>
    </message>
    <message>
        <source>“{name}” holds no contacts.</source>
        <translation>“{name}” 中没有联系人。</translation>
    </message>
    <message>
        <source>This entry cannot be read: {reason}</source>
        <translation>无法读取此条目：{reason}</translation>
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
        <source>Import contacts</source>
        <translation>导入联系人</translation>
    </message>
    <message>
        <source>Import contacts from “%1”</source>
        <translation>从“%1”导入联系人</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>About Liaison</source>
        <translation>关于 Liaison</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Liaison %1&lt;/h3&gt;&lt;p&gt;The memory of a city&apos;s international relations: partners, people, visits and occasions, in English and Chinese.&lt;/p&gt;&lt;p&gt;Free software under the GNU General Public License, version 3 or later.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Liaison %1&lt;/h3&gt;&lt;p&gt;城市对外交往的记忆：友城伙伴、联系人、互访与重要日子，中英文双语。&lt;/p&gt;&lt;p&gt;自由软件，依据 GNU 通用公共许可证第 3 版或更高版本发布。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Liaison — international relations</source>
        <translation>Liaison — 国际交往</translation>
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
</context>
<context>
    <name>Operations</name>
    <message>
        <source>The disk is full: free some space and try again.</source>
        <translation>磁盘已满：请释放一些空间后重试。</translation>
    </message>
    <message>
        <source>The database is busy in another window or program: try again in a moment.</source>
        <translation>数据库正被其他窗口或程序占用：请稍后重试。</translation>
    </message>
    <message>
        <source>The disk could not be written (it may be full): nothing was changed.</source>
        <translation>无法写入磁盘（可能已满）：未作任何更改。</translation>
    </message>
    <message>
        <source>Something went wrong and nothing was changed. Details are in the log.</source>
        <translation>出现问题，未作任何更改。详细信息已记入日志。</translation>
    </message>
    <message>
        <source>Liaison</source>
        <translation>Liaison 外事联络</translation>
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
</context>
</TS>
