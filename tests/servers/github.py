"""A loopback GitHub holding a real git repository, for the editor (Sveltia CMS) to sign in to and
commit through, as it does on the live site.

No GitHub runs here, so the editor's tests run against this one. It answers the REST and GraphQL
calls the editor makes (docs.github.com; the calls read from Sveltia CMS's GitHub backend) from a
bare repository with `git` itself, so what the editor commits is a real commit a test can clone and
build. It enforces what GitHub documents: a token on every call (401 "Bad credentials"); a token
sees only the repositories it was granted (404 elsewhere, as GitHub hides them) and writes only with
Contents: write (GraphQL FORBIDDEN "Resource not accessible by personal access token");
createCommitOnBranch only onto the head the client last saw (STALE_DATA otherwise); GraphQL
queries validated against a schema (unknown fields are errors, as on GitHub); the primary rate
limit (403 with x-ratelimit-remaining 0 and x-ratelimit-reset); CORS preflights answered, as
api.github.com does for a browser. Every request is recorded; one it does not know is a 404 kept
in `unknown`, so a test sees the editor ask for something this fake does not model.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import os
import subprocess
import threading
import time
from pathlib import Path

from graphql import GraphQLError, build_schema, graphql_sync
from werkzeug.wrappers import Request, Response

from .loopback import Loopback, json_response

SCHEMA = build_schema("""
scalar GitObjectID
scalar Base64String
scalar DateTime
scalar URI

interface GitObject { oid: GitObjectID! }

type Query {
  repository(owner: String!, name: String!): Repository
  viewer: User!
}

type Mutation {
  createCommitOnBranch(input: CreateCommitOnBranchInput!): CreateCommitOnBranchPayload
}

type Repository {
  name: String!
  nameWithOwner: String!
  isPrivate: Boolean!
  url: URI!
  defaultBranchRef: Ref
  ref(qualifiedName: String!): Ref
  object(oid: GitObjectID, expression: String): GitObject
}

type Ref { name: String! prefix: String! target: GitObject }

type Commit implements GitObject {
  oid: GitObjectID!
  message: String!
  messageHeadline: String!
  committedDate: DateTime!
  url: URI!
  author: GitActor
  committer: GitActor
  history(first: Int, path: String): CommitHistoryConnection!
  file(path: String!): TreeEntry
  status: Status
  deployments(last: Int, orderBy: DeploymentOrder): DeploymentConnection
  checkSuites(last: Int): CheckSuiteConnection
}

type Status { contexts: [StatusContext!]! }
type StatusContext { context: String! state: String! targetUrl: URI description: String }
input DeploymentOrder { field: DeploymentOrderField! direction: OrderDirection! }
enum DeploymentOrderField { CREATED_AT }
enum OrderDirection { ASC DESC }
type DeploymentConnection { nodes: [Deployment] }
type Deployment { environment: String latestStatus: DeploymentStatus }
type DeploymentStatus { state: String! environmentUrl: URI description: String }
type CheckSuiteConnection { nodes: [CheckSuite] }
type CheckSuite { checkRuns(last: Int): CheckRunConnection }
type CheckRunConnection { nodes: [CheckRun] }
type CheckRun { name: String! status: String! conclusion: String detailsUrl: URI summary: String }

type Blob implements GitObject { oid: GitObjectID! text: String byteSize: Int! isBinary: Boolean isTruncated: Boolean! }
type Tree implements GitObject { oid: GitObjectID! }
type TreeEntry { oid: GitObjectID! path: String name: String! }
type CommitHistoryConnection { nodes: [Commit] totalCount: Int! }
type GitActor { name: String email: String avatarUrl: URI! date: DateTime user: User }
type User { id: ID! databaseId: Int login: String! name: String email: String! avatarUrl: URI! }

input CreateCommitOnBranchInput {
  branch: CommittableBranch!
  expectedHeadOid: GitObjectID!
  fileChanges: FileChanges
  message: CommitMessage!
  clientMutationId: String
}
input CommittableBranch { id: ID repositoryNameWithOwner: String branchName: String }
input FileChanges { additions: [FileAddition!] deletions: [FileDeletion!] }
input FileAddition { path: String! contents: Base64String! }
input FileDeletion { path: String! }
input CommitMessage { headline: String! body: String }

type CreateCommitOnBranchPayload { clientMutationId: String commit: Commit ref: Ref }
""")

ALLOWED_HEADERS = (
    "Authorization, Content-Type, Accept, Cache-Control, If-None-Match, If-Modified-Since, X-GitHub-Api-Version"
)


@dataclasses.dataclass
class Token:
    login: str = "producer"
    name: str = "Producer"
    repos: tuple[str, ...] = ()  # "owner/name" this fine-grained token was granted
    write: bool = True  # Contents: read and write (else read-only)
    user_id: int = 1001


class GitHubServer(Loopback):
    def __init__(self, bare: Path, full_name: str, tokens: dict[str, Token], branch: str = "main"):
        self.bare, self.full_name, self.tokens, self.branch = Path(bare), full_name, tokens, branch
        self.collaborators = {token.login for token in tokens.values()}
        self.rate_limited = 0  # how many of the next calls answer 403, rate limit exceeded
        self.commits: list[str] = []  # oids createCommitOnBranch made, oldest first
        self.unknown: list[str] = []  # "METHOD /path" this fake does not answer
        self.refused_queries: list[str] = []  # GraphQL queries refused as a whole (a field this schema lacks ...)
        self._lock = threading.Lock()
        self._calls = 0
        super().__init__()

    # -- the repository, through git itself ------------------------------------------------------

    def git(self, *args: str, stdin: bytes | None = None, env: dict | None = None) -> str:
        done = subprocess.run(
            ["git", f"--git-dir={self.bare}", *args],
            input=stdin,
            capture_output=True,
            env={**os.environ, **(env or {})},
            timeout=60,
        )
        if done.returncode:
            raise RuntimeError(f"git {' '.join(args)}: {done.stderr.decode(errors='replace')}")
        return done.stdout.decode("utf-8", errors="surrogateescape")

    def _resolve(self, ref: str) -> str | None:
        name = ref if ref.startswith("refs/") else f"refs/heads/{ref}"
        try:
            return self.git("rev-parse", "--verify", "--quiet", f"{name}^{{commit}}").strip() or None
        except RuntimeError:
            try:  # a commit or tree id
                return self.git("rev-parse", "--verify", "--quiet", ref).strip() or None
            except RuntimeError:
                return None

    def _commit(self, oid: str) -> dict:
        raw = self.git("log", "-1", "--format=%H%x00%an%x00%ae%x00%cI%x00%B", oid)
        _, author, email, date, message = raw.split("\x00", 4)
        message = message.rstrip("\n")
        login = next((t.login for t in self.tokens.values() if t.name == author), None)
        actor = {
            "name": author,
            "email": email,
            "avatarUrl": f"{self.url}/avatars/{login or 'none'}",
            "date": date,
            "user": self._user(login) if login else None,
        }
        return {
            "__typename": "Commit",
            "oid": oid,
            "message": message,
            "messageHeadline": message.split("\n", 1)[0],
            "committedDate": date,
            "url": f"{self.url}/{self.full_name}/commit/{oid}",
            "author": actor,
            "committer": actor,
            "history": lambda info, first=None, path=None: self._history(oid, first, path),
            "file": lambda info, path: self._file(oid, path),
            # No CI in this repository: no status, deployment or check (what GitHub answers then).
            "status": None,
            "deployments": {"nodes": []},
            "checkSuites": {"nodes": []},
        }

    def _history(self, oid: str, first: int | None, path: str | None) -> dict:
        args = ["log", "--format=%H", *([f"-n{first}"] if first else []), oid, *(["--", path] if path else [])]
        oids = self.git(*args).split()
        return {"nodes": [self._commit(found) for found in oids], "totalCount": len(oids)}

    def _file(self, commit: str, path: str) -> dict | None:
        listed = self.git("ls-tree", commit, "--", path).split()
        return {"oid": listed[2], "path": path, "name": path.rsplit("/", 1)[-1]} if len(listed) >= 4 else None

    def _object(self, oid: str) -> dict | None:
        try:
            kind = self.git("cat-file", "-t", oid).strip()
        except RuntimeError:
            return None
        if kind == "commit":
            return self._commit(oid)
        if kind == "tree":
            return {"__typename": "Tree", "oid": oid}
        data = subprocess.run(["git", f"--git-dir={self.bare}", "cat-file", "blob", oid], capture_output=True).stdout
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        return {
            "__typename": "Blob",
            "oid": oid,
            "text": text,
            "byteSize": len(data),
            "isBinary": text is None,
            "isTruncated": False,
        }

    def _ref(self, name: str) -> dict | None:
        branch = name.removeprefix("refs/heads/")
        oid = self._resolve(f"refs/heads/{branch}")
        return {"name": branch, "prefix": "refs/heads/", "target": self._commit(oid)} if oid else None

    def _user(self, login: str) -> dict:
        token = next(t for t in self.tokens.values() if t.login == login)
        return {
            "id": f"U_{token.user_id}",
            "databaseId": token.user_id,
            "login": login,
            "name": token.name,
            "email": f"{login}@users.noreply.github.com",
            "avatarUrl": f"{self.url}/avatars/{login}",
        }

    # -- GraphQL ---------------------------------------------------------------------------------

    def _graphql(self, token: Token, query: str, variables: dict) -> dict:
        def repository(info, owner, name):
            if f"{owner}/{name}" != self.full_name or f"{owner}/{name}" not in token.repos:
                raise GraphQLError(
                    f"Could not resolve to a Repository with the name '{owner}/{name}'.",
                    extensions={"type": "NOT_FOUND"},
                )
            return {
                "name": name,
                "nameWithOwner": self.full_name,
                "isPrivate": False,
                "url": f"{self.url}/{self.full_name}",
                "defaultBranchRef": self._ref(self.branch),
                "ref": lambda info, qualifiedName: self._ref(qualifiedName),
                "object": lambda info, oid=None, expression=None: self._object(oid or expression or ""),
            }

        def create_commit(info, input):
            return self._create_commit(token, input)

        root = {
            "repository": repository,
            "viewer": lambda info: self._user(token.login),
            "createCommitOnBranch": create_commit,
        }
        result = graphql_sync(SCHEMA, query, root_value=root, variable_values=variables)
        answer: dict = {}
        if result.data is not None:
            answer["data"] = result.data
        if result.errors and result.data is None:  # the query itself was refused: the fake may not model it
            self.refused_queries.append(
                " ".join(query.split())[:300] + " -> " + "; ".join(e.message for e in result.errors)
            )
        if result.errors:
            # GitHub puts the error's kind at the top level: {"type": "NOT_FOUND", "message": ...}
            answer["errors"] = [
                {**{k: v for k, v in error.formatted.items() if k != "extensions"}, **(error.extensions or {})}
                for error in result.errors
            ]
        return answer

    def _create_commit(self, token: Token, input: dict) -> dict:
        branch = input["branch"]
        if (
            branch.get("repositoryNameWithOwner") not in token.repos
            or branch.get("repositoryNameWithOwner") != self.full_name
        ):
            raise GraphQLError("Could not resolve to a Repository.", extensions={"type": "NOT_FOUND"})
        if not token.write:
            raise GraphQLError("Resource not accessible by personal access token", extensions={"type": "FORBIDDEN"})
        name = branch.get("branchName") or ""
        changes = input.get("fileChanges") or {}
        with self._lock:
            head = self._resolve(f"refs/heads/{name}")
            if head is None:
                raise GraphQLError(f'A ref named "refs/heads/{name}" does not exist.', extensions={"type": "NOT_FOUND"})
            if input["expectedHeadOid"] != head:
                raise GraphQLError(
                    f'Expected branch to point to "{input["expectedHeadOid"]}" but it did not. Pull and try again.',
                    extensions={"type": "STALE_DATA"},
                )
            index = self.bare / f"marquee-index-{threading.get_ident()}"
            env = {"GIT_INDEX_FILE": str(index)}
            try:
                self.git("read-tree", head, env=env)
                for addition in changes.get("additions") or []:
                    path = _checked_path(addition["path"])
                    blob = self.git(
                        "hash-object", "-w", "--stdin", stdin=base64.b64decode(addition["contents"]), env=env
                    )
                    self.git("update-index", "--add", "--cacheinfo", f"100644,{blob.strip()},{path}", env=env)
                for deletion in changes.get("deletions") or []:
                    self.git("update-index", "--force-remove", "--", _checked_path(deletion["path"]), env=env)
                tree = self.git("write-tree", env=env).strip()
            finally:
                index.unlink(missing_ok=True)
            message = input["message"]["headline"] + (
                f"\n\n{input['message']['body']}" if input["message"].get("body") else ""
            )
            who = {
                "GIT_AUTHOR_NAME": token.name,
                "GIT_AUTHOR_EMAIL": f"{token.login}@users.noreply.github.com",
                "GIT_COMMITTER_NAME": "GitHub",
                "GIT_COMMITTER_EMAIL": "noreply@github.com",
            }
            oid = self.git("commit-tree", tree, "-p", head, "-m", message, env=who).strip()
            self.git("update-ref", f"refs/heads/{name}", oid, head)
            self.commits.append(oid)
        return {"clientMutationId": input.get("clientMutationId"), "commit": self._commit(oid), "ref": self._ref(name)}

    # -- HTTP ------------------------------------------------------------------------------------

    def route(self, request: Request, environ) -> Response:
        if request.method == "OPTIONS":  # a browser's CORS preflight
            return self._cors(Response(status=204))
        token = self.tokens.get(_token(request.headers.get("Authorization", "")))
        if token is None:
            return self._cors(
                json_response(
                    {
                        "message": "Bad credentials",
                        "documentation_url": "https://docs.github.com/rest",
                        "status": "401",
                    },
                    401,
                )
            )
        with self._lock:
            self._calls += 1
            limited = self.rate_limited > 0
            self.rate_limited -= limited
        reset = int(time.time()) + 3600
        limits = {
            "x-ratelimit-limit": "5000",
            "x-ratelimit-remaining": "0" if limited else str(max(0, 5000 - self._calls)),
            "x-ratelimit-used": str(min(5000, self._calls)),
            "x-ratelimit-reset": str(reset),
            "x-ratelimit-resource": "graphql" if request.path.endswith("/graphql") else "core",
        }
        if limited:
            body = {
                "message": f"API rate limit exceeded for user ID {token.user_id}.",
                "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
            }
            return self._cors(json_response(body, 403, limits))
        answer = self._answer(request, token)
        answer.headers.update(limits)
        return self._cors(answer)

    def _answer(self, request: Request, token: Token) -> Response:
        path = request.path
        if request.method == "POST" and path in (
            "/api/graphql",
            "/graphql",
        ):  # GitHub Enterprise; Sveltia asks the latter
            body = request.get_json(silent=True) or {}
            return json_response(self._graphql(token, str(body.get("query", "")), body.get("variables") or {}))
        if request.method == "GET" and path == "/api/v3/user":
            user = self._user(token.login)
            return json_response(
                {
                    "login": token.login,
                    "id": token.user_id,
                    "name": token.name,
                    "email": None,
                    "avatar_url": user["avatarUrl"],
                    "html_url": f"{self.url}/{token.login}",
                    "type": "User",
                }
            )
        if request.method == "GET" and path.startswith("/avatars/"):
            return Response(b"", 404)
        prefix = f"/api/v3/repos/{self.full_name}"
        if not path.startswith(prefix + "/") and path != prefix:
            if path.startswith("/api/v3/repos/"):
                return json_response({"message": "Not Found", "documentation_url": "https://docs.github.com/rest"}, 404)
            return self._unknown(request)
        if self.full_name not in token.repos:  # GitHub hides what a token was not granted
            return json_response({"message": "Not Found", "documentation_url": "https://docs.github.com/rest"}, 404)
        rest = path[len(prefix) :]
        if request.method == "GET" and rest == "":
            return json_response(
                {
                    "full_name": self.full_name,
                    "default_branch": self.branch,
                    "private": False,
                    "html_url": f"{self.url}/{self.full_name}",
                    "permissions": {"admin": False, "push": token.write, "pull": True},
                }
            )
        if request.method == "GET" and rest.startswith("/collaborators/"):
            return Response(status=204 if rest.split("/")[2] in self.collaborators else 404)
        if request.method == "GET" and rest.startswith("/git/trees/"):
            oid = self._resolve(rest.removeprefix("/git/trees/"))
            if oid is None:
                return json_response({"message": "Not Found"}, 404)
            listing = self.git("ls-tree", "-r", "-l", "--full-tree", oid)
            tree = []
            for line in listing.splitlines():
                meta, name = line.split("\t", 1)
                mode, kind, sha, size = meta.split()
                tree.append(
                    {
                        "path": name,
                        "mode": mode,
                        "type": kind,
                        "sha": sha,
                        "size": int(size) if size != "-" else None,
                        "url": f"{self.url}{prefix}/git/blobs/{sha}",
                    }
                )
            return json_response({"sha": oid, "url": f"{self.url}{path}", "tree": tree, "truncated": False})
        if request.method == "GET" and rest.startswith("/git/blobs/"):
            found = self._object(rest.removeprefix("/git/blobs/"))
            if not found or found["__typename"] != "Blob":
                return json_response({"message": "Not Found"}, 404)
            data = subprocess.run(
                ["git", f"--git-dir={self.bare}", "cat-file", "blob", found["oid"]], capture_output=True
            ).stdout
            return Response(data, 200, content_type="application/octet-stream")
        return self._unknown(request)

    def _unknown(self, request: Request) -> Response:
        self.unknown.append(f"{request.method} {request.full_path.rstrip('?')}")
        return json_response({"message": "Not Found", "documentation_url": "https://docs.github.com/rest"}, 404)

    @staticmethod
    def _cors(response: Response) -> Response:
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, PATCH, PUT, DELETE"
        response.headers["Access-Control-Expose-Headers"] = (
            "ETag, Link, Location, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, X-RateLimit-Used"
        )
        return response


def _token(header: str) -> str:
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() in ("token", "bearer") else ""


def _checked_path(path: str) -> str:
    """GitHub refuses a path that leaves the repository or names .git."""
    parts = path.split("/")
    if not path or path.startswith("/") or ".." in parts or ".git" in parts or "" in parts:
        raise GraphQLError(f"Invalid path: {path!r}", extensions={"type": "UNPROCESSABLE"})
    return path


def bare_repository(tmp: Path, source: Path, branch: str = "main") -> Path:
    """A bare repository holding `source` (a film's folder) as its first commit on `branch`."""
    bare = tmp / "github.git"
    quiet = {"capture_output": True, "check": True, "timeout": 60}
    who = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Producer",
        "GIT_AUTHOR_EMAIL": "producer@example.org",
        "GIT_COMMITTER_NAME": "Producer",
        "GIT_COMMITTER_EMAIL": "producer@example.org",
        "GIT_AUTHOR_DATE": dt.datetime(2026, 11, 1, tzinfo=dt.UTC).isoformat(),
    }
    subprocess.run(["git", "init", "-q", "-b", branch, str(source)], **quiet)
    subprocess.run(["git", "-C", str(source), "add", "-A"], **quiet)
    subprocess.run(["git", "-C", str(source), "commit", "-q", "-m", "The film"], env=who, **quiet)
    subprocess.run(["git", "clone", "-q", "--bare", str(source), str(bare)], **quiet)
    return bare
