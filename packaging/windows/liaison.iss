; Inno Setup script for Liaison on Windows: installs the one-folder bundle that
; packaging/liaison.spec builds (dist\liaison: liaison.exe, the app; crm.exe, the command line).
;
;   pyinstaller --noconfirm packaging\liaison.spec
;   iscc packaging\windows\liaison.iss            (writes dist\liaison-VERSION-setup.exe)
;
; Options: iscc /DAppVersion=0.1.1 /DBundleDir=C:\path\to\dist\liaison packaging\windows\liaison.iss
; Needs Inno Setup 6.5 or newer, whose Languages folder holds ChineseSimplified.isl. The file is
; UTF-8 with a byte-order mark, which Inno Setup needs to read the Chinese messages below.
;
; Installs for the current user by default (no administrator rights; the user may choose all
; users). Uninstalling keeps the user's data: the database, its backups and the settings live in
; the user's own folders, not in the installation folder.

#if Ver < EncodeVer(6, 5, 0)
  #error Inno Setup 6.5 or newer is needed: it ships the Chinese Simplified messages.
#endif

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\liaison"
#endif
#define AppName "Liaison"
#define AppExe "liaison.exe"
#define RunKey "Software\Microsoft\Windows\CurrentVersion\Run"
; The value name crm\services\autostart.py uses, so that Settings shows what the installer set.
#define RunValue "Liaison"

[Setup]
AppId={{07DB4B7B-F8F8-527A-9CFB-E251574F6E07}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The Liaison developers
AppPublisherURL=https://github.com/liaison-crm/liaison
AppSupportURL=https://github.com/liaison-crm/liaison/issues
AppUpdatesURL=https://github.com/liaison-crm/liaison/releases
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=liaison-{#AppVersion}-setup
SetupIconFile=liaison.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[CustomMessages]
english.AppComment=A bilingual CRM for a city's international partnerships
chinesesimplified.AppComment=中英双语的城市国际友好关系管理软件
english.StartAtLogin=Start {#AppName} in the notification area when I log in
chinesesimplified.StartAtLogin=登录 Windows 时在通知区域启动 {#AppName}
english.CommandLine=Liaison command line (crm)
chinesesimplified.CommandLine=Liaison 命令行（crm）

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "startatlogin"; Description: "{cm:StartAtLogin}"; GroupDescription: "{cm:AutoStartProgramGroupDescription}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; A newer version may no longer ship a file of the older one: start from a clean bundle folder.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"
Name: "{group}\{cm:CommandLine}"; Filename: "{cmd}"; Parameters: "/k crm.exe --help"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Registry]
; The same value Liaison's own "Start at login" setting writes; the app can turn it off again.
Root: HKCU; Subkey: "{#RunKey}"; ValueType: string; ValueName: "{#RunValue}"; ValueData: """{app}\{#AppExe}"" --minimized"; Tasks: startatlogin

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
// Whether set by the installer or later in Liaison's settings, starting at login ends with the
// program: a Run value left behind would start a program that is no longer there.
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usUninstall then
    RegDeleteValue(HKEY_CURRENT_USER, '{#RunKey}', '{#RunValue}');
end;
