#!/usr/bin/env python3
"""Regenerates contracts' storage option catalogue from the rclone versions syncplan supports.

    bench/storage-options.py /usr/bin/rclone /path/to/rclone-1.75.2 \
        > contracts/src/main/resources/io/syncplan/contracts/policy/rclone-options.json

Every rclone given is asked for its backends (`rclone config providers`). An option is only
ever accepted if it is listed here, so an option a newer rclone adds is refused until this script
is run with that rclone and the new option reviewed: look at the diff of the JSON, and put every
new text option in one of the tables below (those left out become secrets; an option that runs a
program or reaches the executor's own machine must go in COMMANDS or HOST).

For each backend the catalogue holds:
  options   non-secret options, with the kind their value is checked as;
  secrets   options sent as secrets (sealed, write-only), with their kind;
  obscured  secrets rclone takes in its obscured form;
  host      options that use the executor machine's own credentials, files, sockets or links:
            refused unless the operator enables them by name;
  commands  options that run a program: always refused, with the rclone versions having them.
"""
import json
import re
import subprocess
import sys

# Run a program (on the executor, or through ssh on the server): refused everywhere.
COMMANDS = {"ssh", "use_az"}
COMMAND_PATTERN = re.compile(r"_command$")

# The executor machine's ambient credentials, files, sockets and symbolic links.
HOST = {
    "env_auth", "shared_credentials_file", "profile",  # s3, gcs, drive, swift, azureblob
    "service_account_file", "service_principal_file", "box_config_file",
    "use_msi", "msi_object_id", "msi_client_id", "msi_mi_res_id",  # azureblob managed identity
    "key_file", "pubkey_file", "known_hosts_file", "key_use_agent",  # sftp
    "use_kerberos", "kerberos_ccache", "service_principal_name",  # smb, hdfs
    "unix_socket",  # webdav
    "copy_links", "links",  # local: follow symbolic links, or write them
    "db_path", "chunk_path", "tmp_upload_path",  # cache: folders on the executor
}

# Text options whose values are addresses, never read by rclone as a remote.
URL = {
    "url", "endpoint", "auth_url", "token_url", "auth", "api_url", "download_url", "storage_url",
    "sts_endpoint", "ibm_iam_endpoint", "front_endpoint", "plex_url", "proxy", "http_proxy",
    "socks_proxy", "doi_resolver_api_url", "tenant_url", "namenode", "hostname", "host",
}

# Options naming another storage: only a syncplan storage, by id or name, resolved by the executor.
# Text options holding a date and time.
TIME = {"object_lock_retain_until_date"}

REMOTE = {"remote"}
UPSTREAMS = {"upstreams"}

# Text options that are not secret: names, places, modes. Every other text option is a secret.
NOT_SECRET_TEXT = {
    "access", "access_tier", "account", "acl", "action_policy", "app_version", "batch_mode",
    "box_sub_type", "bucket_acl", "create_policy", "data_transfer_protection", "description",
    "doi", "domain", "drive_type", "effective_upload_time", "encoding", "endpoint_type",
    "export_formats", "filename_encoding", "filename_encryption", "formats", "hash_type", "host",
    "import_formats", "level", "library", "link_scope", "link_type", "location",
    "location_constraint", "meta_format", "mode", "name_format", "object_acl",
    "object_lock_legal_hold_status", "object_lock_mode", "object_lock_retain_until_date",
    "path_override", "plex_insecure", "protocol", "provider", "public_access", "pubkey", "quirks",
    "region", "role_session_name", "root_prefix", "scope", "scope_access", "scope_role",
    "search_policy", "server_side_encryption", "service", "shell_type", "speedup_file_patterns",
    "sse_customer_algorithm", "storage_class", "storage_policy", "subsystem", "suffix", "tenant",
    "time_type", "transactions", "upload_cutoff", "user", "user_agent", "username", "vendor", "version",
}

# Lists that are not secret (each item checked like a text value).
NOT_SECRET_LIST = {
    "access_scopes", "ciphers", "export_formats", "hashes", "host_key_algorithms", "host_keys",
    "item_metadata", "key_exchange", "macs",
}

KINDS = {
    "bool": "bool", "int": "int", "float64": "number", "Duration": "duration",
    "SizeSuffix": "size", "Tristate": "tristate", "Encoding": "encoding",
    "MultiEncoder": "encoding", "Bits": "flags", "Time": "time",
    "mtime|atime|btime|ctime": "text", "CommaSepList": "list", "SpaceSepList": "list",
    "stringArray": "list", "string": "text",
}


def providers(rclone):
    version = subprocess.run([rclone, "version"], check=True, capture_output=True,
                             text=True).stdout.split()[1].lstrip("v").split("-")[0]
    listed = json.loads(subprocess.run([rclone, "config", "providers"], check=True,
                                       capture_output=True, text=True).stdout)
    return version, listed


def kind(name, rclone_type):
    if name in REMOTE:
        return "remote"
    if name in UPSTREAMS:
        return "upstreams"
    if name in URL:
        return "url"
    if name in TIME:
        return "time"
    return KINDS.get(rclone_type, "text")


def secret(name, option_kind, is_password):
    if is_password:
        return True
    if option_kind in ("text",):
        return name not in NOT_SECRET_TEXT
    if option_kind == "list":
        return name not in NOT_SECRET_LIST
    return False


def main(binaries):
    seen = {}  # backend -> option -> {"type", "password", "versions"}
    versions = []
    for binary in binaries:
        version, listed = providers(binary)
        versions.append(version)
        for backend in listed:
            for option in backend["Options"] or []:
                entry = seen.setdefault(backend["Prefix"], {}).setdefault(
                    option["Name"], {"versions": []})
                # The newest rclone's type wins (binaries are given oldest first).
                entry["type"] = option["Type"]
                entry["password"] = entry.get("password", False) or bool(option.get("IsPassword"))
                entry["versions"].append(version)
    catalogue = {}
    for backend, options in sorted(seen.items()):
        result = {"options": {}, "secrets": {}, "obscured": [], "host": {}, "commands": {}}
        for name, entry in sorted(options.items()):
            option_kind = kind(name, entry["type"])
            if name in COMMANDS or COMMAND_PATTERN.search(name):
                result["commands"][name] = entry["versions"]
            elif name in HOST:
                result["host"][name] = option_kind
            elif secret(name, option_kind, entry["password"]):
                result["secrets"][name] = option_kind
                if entry["password"]:
                    result["obscured"].append(name)
            else:
                result["options"][name] = option_kind
        catalogue[backend] = result
    print(json.dumps({"rcloneVersions": versions, "backends": catalogue}, indent=1,
                     sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1:] or ["rclone"])
