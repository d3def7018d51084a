# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'settings.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)
from PySide6.QtWidgets import (QCheckBox, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QPushButton, QRadioButton,
    QSizePolicy, QSpacerItem, QSpinBox, QVBoxLayout,
    QWidget)

class Ui_SettingsDialog(object):
    def setupUi(self, SettingsDialog):
        if not SettingsDialog.objectName():
            SettingsDialog.setObjectName(u"SettingsDialog")
        self.dialog_layout = QVBoxLayout(SettingsDialog)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.where_label = QLabel(SettingsDialog)
        self.where_label.setObjectName(u"where_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.where_label)

        self.endpoint_box = QVBoxLayout()
        self.endpoint_box.setObjectName(u"endpoint_box")
        self.endpoint_box.setContentsMargins(0, 0, 0, 0)
        self.settings__sandbox = QRadioButton(SettingsDialog)
        self.settings__sandbox.setObjectName(u"settings__sandbox")

        self.endpoint_box.addWidget(self.settings__sandbox)

        self.sandbox_note = QLabel(SettingsDialog)
        self.sandbox_note.setObjectName(u"sandbox_note")
        self.sandbox_note.setWordWrap(True)
        self.sandbox_note.setTextFormat(Qt.TextFormat.PlainText)

        self.endpoint_box.addWidget(self.sandbox_note)

        self.settings__provider = QRadioButton(SettingsDialog)
        self.settings__provider.setObjectName(u"settings__provider")

        self.endpoint_box.addWidget(self.settings__provider)

        self.settings__telnyx = QRadioButton(SettingsDialog)
        self.settings__telnyx.setObjectName(u"settings__telnyx")

        self.endpoint_box.addWidget(self.settings__telnyx)

        self.settings__twilio = QRadioButton(SettingsDialog)
        self.settings__twilio.setObjectName(u"settings__twilio")

        self.endpoint_box.addWidget(self.settings__twilio)


        self.form.setLayout(0, QFormLayout.ItemRole.FieldRole, self.endpoint_box)

        self.settings__endpoint_url_label = QLabel(SettingsDialog)
        self.settings__endpoint_url_label.setObjectName(u"settings__endpoint_url_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.settings__endpoint_url_label)

        self.address_box = QVBoxLayout()
        self.address_box.setObjectName(u"address_box")
        self.address_box.setContentsMargins(0, 0, 0, 0)
        self.settings__endpoint_url = QLineEdit(SettingsDialog)
        self.settings__endpoint_url.setObjectName(u"settings__endpoint_url")

        self.address_box.addWidget(self.settings__endpoint_url)

        self.settings__override_url = QCheckBox(SettingsDialog)
        self.settings__override_url.setObjectName(u"settings__override_url")

        self.address_box.addWidget(self.settings__override_url)


        self.form.setLayout(1, QFormLayout.ItemRole.FieldRole, self.address_box)

        self.settings__account_sid_label = QLabel(SettingsDialog)
        self.settings__account_sid_label.setObjectName(u"settings__account_sid_label")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.settings__account_sid_label)

        self.settings__account_sid = QLineEdit(SettingsDialog)
        self.settings__account_sid.setObjectName(u"settings__account_sid")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.settings__account_sid)

        self.settings__token_label = QLabel(SettingsDialog)
        self.settings__token_label.setObjectName(u"settings__token_label")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.settings__token_label)

        self.token_box = QVBoxLayout()
        self.token_box.setObjectName(u"token_box")
        self.token_box.setContentsMargins(0, 0, 0, 0)
        self.settings__token = QLineEdit(SettingsDialog)
        self.settings__token.setObjectName(u"settings__token")
        self.settings__token.setEchoMode(QLineEdit.EchoMode.Password)

        self.token_box.addWidget(self.settings__token)

        self.settings__credential_hint = QLabel(SettingsDialog)
        self.settings__credential_hint.setObjectName(u"settings__credential_hint")
        self.settings__credential_hint.setWordWrap(True)
        self.settings__credential_hint.setTextFormat(Qt.TextFormat.PlainText)

        self.token_box.addWidget(self.settings__credential_hint)


        self.form.setLayout(3, QFormLayout.ItemRole.FieldRole, self.token_box)

        self.test_box = QVBoxLayout()
        self.test_box.setObjectName(u"test_box")
        self.test_box.setContentsMargins(0, 0, 0, 0)
        self.test_row = QHBoxLayout()
        self.test_row.setObjectName(u"test_row")
        self.test_row.setContentsMargins(0, 0, 0, 0)
        self.settings__test_connection = QPushButton(SettingsDialog)
        self.settings__test_connection.setObjectName(u"settings__test_connection")
        self.settings__test_connection.setAutoDefault(False)

        self.test_row.addWidget(self.settings__test_connection)

        self.test_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.test_row.addItem(self.test_spacer)


        self.test_box.addLayout(self.test_row)

        self.settings__test_result = QLabel(SettingsDialog)
        self.settings__test_result.setObjectName(u"settings__test_result")
        self.settings__test_result.setWordWrap(True)
        self.settings__test_result.setTextFormat(Qt.TextFormat.PlainText)

        self.test_box.addWidget(self.settings__test_result)


        self.form.setLayout(4, QFormLayout.ItemRole.FieldRole, self.test_box)

        self.settings__provider_name_label = QLabel(SettingsDialog)
        self.settings__provider_name_label.setObjectName(u"settings__provider_name_label")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.settings__provider_name_label)

        self.provider_name_box = QVBoxLayout()
        self.provider_name_box.setObjectName(u"provider_name_box")
        self.provider_name_box.setContentsMargins(0, 0, 0, 0)
        self.settings__provider_name = QLineEdit(SettingsDialog)
        self.settings__provider_name.setObjectName(u"settings__provider_name")

        self.provider_name_box.addWidget(self.settings__provider_name)

        self.settings__provider_name_message = QLabel(SettingsDialog)
        self.settings__provider_name_message.setObjectName(u"settings__provider_name_message")
        self.settings__provider_name_message.setWordWrap(True)
        self.settings__provider_name_message.setTextFormat(Qt.TextFormat.PlainText)

        self.provider_name_box.addWidget(self.settings__provider_name_message)


        self.form.setLayout(5, QFormLayout.ItemRole.FieldRole, self.provider_name_box)

        self.settings__foc_lead_business_days_label = QLabel(SettingsDialog)
        self.settings__foc_lead_business_days_label.setObjectName(u"settings__foc_lead_business_days_label")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.settings__foc_lead_business_days_label)

        self.settings__foc_lead_business_days = QSpinBox(SettingsDialog)
        self.settings__foc_lead_business_days.setObjectName(u"settings__foc_lead_business_days")
        self.settings__foc_lead_business_days.setMinimum(1)
        self.settings__foc_lead_business_days.setMaximum(30)
        self.settings__foc_lead_business_days.setValue(5)
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.settings__foc_lead_business_days.sizePolicy().hasHeightForWidth())
        self.settings__foc_lead_business_days.setSizePolicy(sizePolicy)

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.settings__foc_lead_business_days)

        self.settings__refresh_minutes_label = QLabel(SettingsDialog)
        self.settings__refresh_minutes_label.setObjectName(u"settings__refresh_minutes_label")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.settings__refresh_minutes_label)

        self.refresh_box = QVBoxLayout()
        self.refresh_box.setObjectName(u"refresh_box")
        self.refresh_box.setContentsMargins(0, 0, 0, 0)
        self.settings__refresh_minutes = QSpinBox(SettingsDialog)
        self.settings__refresh_minutes.setObjectName(u"settings__refresh_minutes")
        self.settings__refresh_minutes.setMinimum(0)
        self.settings__refresh_minutes.setMaximum(1440)
        self.settings__refresh_minutes.setValue(15)
        sizePolicy.setHeightForWidth(self.settings__refresh_minutes.sizePolicy().hasHeightForWidth())
        self.settings__refresh_minutes.setSizePolicy(sizePolicy)

        self.refresh_box.addWidget(self.settings__refresh_minutes)

        self.settings__refresh_hint = QLabel(SettingsDialog)
        self.settings__refresh_hint.setObjectName(u"settings__refresh_hint")
        self.settings__refresh_hint.setWordWrap(True)
        self.settings__refresh_hint.setTextFormat(Qt.TextFormat.PlainText)

        self.refresh_box.addWidget(self.settings__refresh_hint)


        self.form.setLayout(7, QFormLayout.ItemRole.FieldRole, self.refresh_box)

        self.settings__notifications = QCheckBox(SettingsDialog)
        self.settings__notifications.setObjectName(u"settings__notifications")
        self.settings__notifications.setChecked(True)

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.settings__notifications)

        self.settings__data_dir_label = QLabel(SettingsDialog)
        self.settings__data_dir_label.setObjectName(u"settings__data_dir_label")

        self.form.setWidget(9, QFormLayout.ItemRole.LabelRole, self.settings__data_dir_label)

        self.data_dir_row = QHBoxLayout()
        self.data_dir_row.setObjectName(u"data_dir_row")
        self.data_dir_row.setContentsMargins(0, 0, 0, 0)
        self.settings__data_dir = QLineEdit(SettingsDialog)
        self.settings__data_dir.setObjectName(u"settings__data_dir")
        self.settings__data_dir.setReadOnly(True)

        self.data_dir_row.addWidget(self.settings__data_dir)

        self.settings__open_folder = QPushButton(SettingsDialog)
        self.settings__open_folder.setObjectName(u"settings__open_folder")
        self.settings__open_folder.setAutoDefault(False)

        self.data_dir_row.addWidget(self.settings__open_folder)


        self.form.setLayout(9, QFormLayout.ItemRole.FieldRole, self.data_dir_row)


        self.dialog_layout.addLayout(self.form)

        self.hint = QLabel(SettingsDialog)
        self.hint.setObjectName(u"hint")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)

        self.dialog_layout.addWidget(self.hint)

        self.settings__error = QLabel(SettingsDialog)
        self.settings__error.setObjectName(u"settings__error")
        self.settings__error.setWordWrap(True)
        self.settings__error.setTextFormat(Qt.TextFormat.PlainText)

        self.dialog_layout.addWidget(self.settings__error)

        self.bottom_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.dialog_layout.addItem(self.bottom_spacer)

        self.buttons = QDialogButtonBox(SettingsDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.dialog_layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.settings__endpoint_url_label.setBuddy(self.settings__endpoint_url)
        self.settings__account_sid_label.setBuddy(self.settings__account_sid)
        self.settings__token_label.setBuddy(self.settings__token)
        self.settings__provider_name_label.setBuddy(self.settings__provider_name)
        self.settings__foc_lead_business_days_label.setBuddy(self.settings__foc_lead_business_days)
        self.settings__refresh_minutes_label.setBuddy(self.settings__refresh_minutes)
        self.settings__data_dir_label.setBuddy(self.settings__data_dir)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.settings__sandbox, self.settings__provider)
        QWidget.setTabOrder(self.settings__provider, self.settings__telnyx)
        QWidget.setTabOrder(self.settings__telnyx, self.settings__twilio)
        QWidget.setTabOrder(self.settings__twilio, self.settings__endpoint_url)
        QWidget.setTabOrder(self.settings__endpoint_url, self.settings__override_url)
        QWidget.setTabOrder(self.settings__override_url, self.settings__account_sid)
        QWidget.setTabOrder(self.settings__account_sid, self.settings__token)
        QWidget.setTabOrder(self.settings__token, self.settings__test_connection)
        QWidget.setTabOrder(self.settings__test_connection, self.settings__provider_name)
        QWidget.setTabOrder(self.settings__provider_name, self.settings__foc_lead_business_days)
        QWidget.setTabOrder(self.settings__foc_lead_business_days, self.settings__refresh_minutes)
        QWidget.setTabOrder(self.settings__refresh_minutes, self.settings__notifications)
        QWidget.setTabOrder(self.settings__notifications, self.settings__data_dir)
        QWidget.setTabOrder(self.settings__data_dir, self.settings__open_folder)
        QWidget.setTabOrder(self.settings__open_folder, self.buttons)

        self.retranslateUi(SettingsDialog)

        QMetaObject.connectSlotsByName(SettingsDialog)
    # setupUi

    def retranslateUi(self, SettingsDialog):
        SettingsDialog.setWindowTitle(QCoreApplication.translate("SettingsDialog", u"Settings", None))
        self.where_label.setText(QCoreApplication.translate("SettingsDialog", u"Where orders go:", None))
        self.settings__sandbox.setText(QCoreApplication.translate("SettingsDialog", u"&Practice sandbox (nothing is really ported)", None))
#if QT_CONFIG(accessibility)
        self.settings__sandbox.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Practice sandbox", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.settings__sandbox.setAccessibleDescription(QCoreApplication.translate("SettingsDialog", u"A practice provider on this computer. Orders sent to it are never really ported.", None))
#endif // QT_CONFIG(accessibility)
        self.sandbox_note.setText(QCoreApplication.translate("SettingsDialog", u"Practice only: try every step safely. No real numbers move and your carrier is never contacted.", None))
        self.settings__provider.setText(QCoreApplication.translate("SettingsDialog", u"A provider that speaks the portwizard &API", None))
#if QT_CONFIG(accessibility)
        self.settings__provider.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"A provider that speaks the portwizard API", None))
#endif // QT_CONFIG(accessibility)
        self.settings__telnyx.setText(QCoreApplication.translate("SettingsDialog", u"Tel&nyx", None))
#if QT_CONFIG(accessibility)
        self.settings__telnyx.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Telnyx", None))
#endif // QT_CONFIG(accessibility)
        self.settings__twilio.setText(QCoreApplication.translate("SettingsDialog", u"T&wilio", None))
#if QT_CONFIG(accessibility)
        self.settings__twilio.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Twilio", None))
#endif // QT_CONFIG(accessibility)
        self.settings__endpoint_url_label.setText(QCoreApplication.translate("SettingsDialog", u"Add&ress:", None))
#if QT_CONFIG(accessibility)
        self.settings__endpoint_url.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Provider's porting address", None))
#endif // QT_CONFIG(accessibility)
        self.settings__endpoint_url.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"https://porting.example-provider.com/api", None))
        self.settings__override_url.setText(QCoreApplication.translate("SettingsDialog", u"&Use another address (for testing)", None))
#if QT_CONFIG(accessibility)
        self.settings__override_url.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Use another address than the provider's official one, for testing", None))
#endif // QT_CONFIG(accessibility)
        self.settings__account_sid_label.setText(QCoreApplication.translate("SettingsDialog", u"Account S&ID:", None))
#if QT_CONFIG(accessibility)
        self.settings__account_sid.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Twilio Account SID", None))
#endif // QT_CONFIG(accessibility)
        self.settings__account_sid.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"AC followed by 32 letters and digits", None))
        self.settings__token_label.setText(QCoreApplication.translate("SettingsDialog", u"Access &token:", None))
#if QT_CONFIG(accessibility)
        self.settings__token.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Access token", None))
#endif // QT_CONFIG(accessibility)
        self.settings__token.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"Paste the access token from your provider", None))
        self.settings__credential_hint.setText("")
        self.settings__test_connection.setText(QCoreApplication.translate("SettingsDialog", u"Test &connection", None))
#if QT_CONFIG(accessibility)
        self.settings__test_connection.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Test connection", None))
#endif // QT_CONFIG(accessibility)
        self.settings__test_result.setText("")
        self.settings__provider_name_label.setText(QCoreApplication.translate("SettingsDialog", u"Name on the &LOA:", None))
#if QT_CONFIG(accessibility)
        self.settings__provider_name.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"New provider's name, printed on the Letter of Authorization", None))
#endif // QT_CONFIG(accessibility)
        self.settings__provider_name.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"as it should appear on the Letter of Authorization", None))
        self.settings__provider_name_message.setText("")
        self.settings__foc_lead_business_days_label.setText(QCoreApplication.translate("SettingsDialog", u"&Earliest move date:", None))
#if QT_CONFIG(accessibility)
        self.settings__foc_lead_business_days.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Earliest move date, in business days from today", None))
#endif // QT_CONFIG(accessibility)
        self.settings__foc_lead_business_days.setSuffix(QCoreApplication.translate("SettingsDialog", u" business days from today", None))
        self.settings__refresh_minutes_label.setText(QCoreApplication.translate("SettingsDialog", u"Check orders e&very:", None))
#if QT_CONFIG(accessibility)
        self.settings__refresh_minutes.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Check open orders every so many minutes", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.settings__refresh_minutes.setAccessibleDescription(QCoreApplication.translate("SettingsDialog", u"0 means only when I press Refresh", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.settings__refresh_minutes.setToolTip(QCoreApplication.translate("SettingsDialog", u"0 = only when I press Refresh", None))
#endif // QT_CONFIG(tooltip)
        self.settings__refresh_minutes.setSuffix(QCoreApplication.translate("SettingsDialog", u" minutes", None))
        self.settings__refresh_minutes.setSpecialValueText(QCoreApplication.translate("SettingsDialog", u"0 = only when I press Refresh", None))
        self.settings__refresh_hint.setText(QCoreApplication.translate("SettingsDialog", u"0 = only when I press Refresh. (The practice sandbox, whose days pass in seconds, is checked every 20 seconds at 15.)", None))
        self.settings__notifications.setText(QCoreApplication.translate("SettingsDialog", u"Show a desktop notification when an order c&hanges", None))
#if QT_CONFIG(accessibility)
        self.settings__notifications.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Desktop notifications", None))
#endif // QT_CONFIG(accessibility)
        self.settings__data_dir_label.setText(QCoreApplication.translate("SettingsDialog", u"&Data folder:", None))
#if QT_CONFIG(accessibility)
        self.settings__data_dir.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Data folder", None))
#endif // QT_CONFIG(accessibility)
        self.settings__open_folder.setText(QCoreApplication.translate("SettingsDialog", u"Open &folder", None))
#if QT_CONFIG(accessibility)
        self.settings__open_folder.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Open the data folder", None))
#endif // QT_CONFIG(accessibility)
        self.hint.setText(QCoreApplication.translate("SettingsDialog", u"The provider's name is printed on the Letter of Authorization. Most providers need at least 5 business days before numbers can move.", None))
        self.settings__error.setText("")
    # retranslateUi

