"""Storage: the async database handle, the tables and the migration runner."""

from bot.storage.db import Database
from bot.storage.models import Base, Conversation, DeliveryEvent, Message

__all__ = ["Base", "Conversation", "Database", "DeliveryEvent", "Message"]
