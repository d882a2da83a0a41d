; Inno Setup script: a per-user installer of the one-folder build (dist\jjdesk\ from `python dev.py build`).
;   iscc /DAppVersion=0.1.0 packaging\windows\jjdesk.iss      → dist\jjdesk-0.1.0-setup.exe
; `python dev.py build` on Windows runs this itself when iscc.exe (Inno Setup 6) is on PATH.
; NOT BUILT OR RUN YET: the project's CI is Linux; see packaging/README.md.
;
; Per user, no administrator rights: installs into %LOCALAPPDATA%\Programs\jjdesk, the Start-menu entry goes
; into the user's own Start menu. The officer's data is elsewhere (%LOCALAPPDATA%\jjdesk: jjdesk.db, the
; backups before migrations, logs\) and the uninstaller removes only the files it installed, so uninstalling or
; upgrading never deletes a database.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "椒江数字经济工作台账"

[Setup]
AppId={{6C0E3B8F-2E1D-4C52-9B0A-7A4F3D2C1E55}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=椒江区数字经济工作专班
DefaultDirName={localappdata}\Programs\jjdesk
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=jjdesk-{#AppVersion}-setup
SetupIconFile=..\..\build\icons\jjdesk.ico
UninstallDisplayIcon={app}\jjdesk.exe
UninstallDisplayName={#AppName}
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; A running jjdesk holds its files open: ask to close it rather than fail half-way.
CloseApplications=yes

[Languages]
; Inno Setup ships Chinese (Simplified) among its unofficial translations: put ChineseSimplified.isl beside
; this script to get a Chinese wizard; without it the wizard is in English.
#if FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "ChineseSimplified.isl"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\jjdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\jjdesk.exe"; WorkingDir: "{userdocs}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\jjdesk.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\jjdesk.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: nothing beyond the installed files is removed, above all not %LOCALAPPDATA%\jjdesk.
