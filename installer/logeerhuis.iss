; Inno Setup script for Logeerhuis: the one-folder PyInstaller build (dist\logeerhuis\)
; installed per user, without administrator rights. A fallback: the release installer is made
; with NSIS (installer/logeerhuis.nsi, decision 0036), which is also built and tried on Linux.
;
;   iscc /DAppVersion=0.1.0 installer\logeerhuis.iss      -> dist\logeerhuis-0.1.0-setup.exe
;
; Program files go to %LOCALAPPDATA%\Programs\Logeerhuis ({autopf} in a per-user install).
; The data (database, backups, venster.ini, fouten.log) live in the platformdirs data folder
; %LOCALAPPDATA%\Logeerhuis (logeerhuis_app/paths.py): this script never touches that folder,
; not on upgrade and not on uninstall.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "Logeerhuis"
#define AppExe "logeerhuis.exe"

[Setup]
; The same AppId in every version: a new installer upgrades the existing installation.
AppId={{E3C904C9-9681-4B1D-92E7-1F6659E36B92}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
; Per user, no UAC prompt; no dialog offering an all-users install.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DisableDirPage=auto
DisableProgramGroupPage=yes
DefaultGroupName={#AppName}
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 uses the icu.dll of Windows itself, there from Windows 10 version 1903 (build 18362).
MinVersion=10.0.18362
SourceDir=..
OutputDir=dist
OutputBaseFilename=logeerhuis-{#AppVersion}-setup
SetupIconFile=logeerhuis_app\resources\icon.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; A running Logeerhuis is asked to close (Restart Manager) before its files are replaced.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"

[Types]
Name: "standaard"; Description: "Standaard (deze pc gebruikt het gegevensbestand)"
Name: "eigen"; Description: "Zelf kiezen"; Flags: iscustom

[Components]
Name: "programma"; Description: "{#AppName}"; Types: standaard eigen; Flags: fixed
; psycopg and its libraries (decision 0035); an upgrade keeps the components chosen before.
Name: "postgresql"; Description: "PostgreSQL-ondersteuning (een databaseserver voor meerdere pc's)"; Types: eigen

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; Upgrade in place: remove the previous version's program files first, so that no library or
; module of the old version is left next to the new one. Only the program folder's own parts.
Type: filesandordirs; Name: "{app}\_internal"
Type: files; Name: "{app}\{#AppExe}"

[Files]
Source: "dist\logeerhuis\*"; DestDir: "{app}"; Components: programma; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "dist\logeerhuis-postgresql\*"; DestDir: "{app}"; Components: postgresql; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; What Python may have left in the program folder (never the data folder, which is elsewhere).
Type: filesandordirs; Name: "{app}\_internal"
Type: dirifempty; Name: "{app}"
