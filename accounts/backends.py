"""Authentication backends that load, with the person's row, whether their health-data consent is
in force: every journal page asks, so this saves one query on each of them."""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db.models import Exists, OuterRef

from accounts.models import Consent


class ConsentLoadingMixin:
    def get_user(self, user_id):
        user_model = self.__class__.user_model()
        in_force = Consent.objects.in_force().filter(user=OuterRef("pk"))
        try:
            user = user_model._default_manager.annotate(has_health_consent=Exists(in_force)).get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    @staticmethod
    def user_model():
        from django.contrib.auth import get_user_model

        return get_user_model()


class ModelBackend(ConsentLoadingMixin, DjangoModelBackend):
    pass


class AuthenticationBackend(ConsentLoadingMixin, AllauthBackend):
    pass
