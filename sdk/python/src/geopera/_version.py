"""The SDK's version: the api's (the Maven project version 0.1.0-SNAPSHOT, written as PEP 440)."""

__version__ = "0.1.0.dev0"
