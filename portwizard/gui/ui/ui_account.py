# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'account.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject)
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout,
    QLabel, QLineEdit, QRadioButton, QSizePolicy,
    QSpacerItem, QToolButton, QVBoxLayout, QWidget)

class Ui_AccountPage(object):
    def setupUi(self, AccountPage):
        if not AccountPage.objectName():
            AccountPage.setObjectName(u"AccountPage")
        self.page_layout = QVBoxLayout(AccountPage)
        self.page_layout.setObjectName(u"page_layout")
        self.intro = QLabel(AccountPage)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.page_layout.addWidget(self.intro)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.account_type_label = QLabel(AccountPage)
        self.account_type_label.setObjectName(u"account_type_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.account_type_label)

        self.account_type_row = QHBoxLayout()
        self.account_type_row.setObjectName(u"account_type_row")
        self.account_type_row.setContentsMargins(0, 0, 0, 0)
        self.carrier__account_type = QWidget(AccountPage)
        self.carrier__account_type.setObjectName(u"carrier__account_type")
        self.account_type_radios = QHBoxLayout(self.carrier__account_type)
        self.account_type_radios.setObjectName(u"account_type_radios")
        self.account_type_radios.setContentsMargins(0, 0, 0, 0)
        self.account_single = QRadioButton(self.carrier__account_type)
        self.account_single.setObjectName(u"account_single")

        self.account_type_radios.addWidget(self.account_single)

        self.account_multi = QRadioButton(self.carrier__account_type)
        self.account_multi.setObjectName(u"account_multi")

        self.account_type_radios.addWidget(self.account_multi)


        self.account_type_row.addWidget(self.carrier__account_type)

        self.help_carrier__account_type = QToolButton(AccountPage)
        self.help_carrier__account_type.setObjectName(u"help_carrier__account_type")

        self.account_type_row.addWidget(self.help_carrier__account_type)

        self.account_type_row_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.account_type_row.addItem(self.account_type_row_spacer)


        self.form.setLayout(0, QFormLayout.ItemRole.FieldRole, self.account_type_row)

        self.carrier__number_type_label = QLabel(AccountPage)
        self.carrier__number_type_label.setObjectName(u"carrier__number_type_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.carrier__number_type_label)

        self.number_type_row = QHBoxLayout()
        self.number_type_row.setObjectName(u"number_type_row")
        self.number_type_row.setContentsMargins(0, 0, 0, 0)
        self.carrier__number_type = QComboBox(AccountPage)
        self.carrier__number_type.setObjectName(u"carrier__number_type")

        self.number_type_row.addWidget(self.carrier__number_type)

        self.help_carrier__number_type = QToolButton(AccountPage)
        self.help_carrier__number_type.setObjectName(u"help_carrier__number_type")

        self.number_type_row.addWidget(self.help_carrier__number_type)

        self.number_type_row_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.number_type_row.addItem(self.number_type_row_spacer)


        self.form.setLayout(1, QFormLayout.ItemRole.FieldRole, self.number_type_row)

        self.carrier__customer_name_label = QLabel(AccountPage)
        self.carrier__customer_name_label.setObjectName(u"carrier__customer_name_label")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.carrier__customer_name_label)

        self.customer_row = QHBoxLayout()
        self.customer_row.setObjectName(u"customer_row")
        self.customer_row.setContentsMargins(0, 0, 0, 0)
        self.carrier__customer_name = QLineEdit(AccountPage)
        self.carrier__customer_name.setObjectName(u"carrier__customer_name")

        self.customer_row.addWidget(self.carrier__customer_name)

        self.help_carrier__customer_name = QToolButton(AccountPage)
        self.help_carrier__customer_name.setObjectName(u"help_carrier__customer_name")

        self.customer_row.addWidget(self.help_carrier__customer_name)


        self.form.setLayout(2, QFormLayout.ItemRole.FieldRole, self.customer_row)

        self.carrier__authorized_name_label = QLabel(AccountPage)
        self.carrier__authorized_name_label.setObjectName(u"carrier__authorized_name_label")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.carrier__authorized_name_label)

        self.authorized_row = QHBoxLayout()
        self.authorized_row.setObjectName(u"authorized_row")
        self.authorized_row.setContentsMargins(0, 0, 0, 0)
        self.carrier__authorized_name = QLineEdit(AccountPage)
        self.carrier__authorized_name.setObjectName(u"carrier__authorized_name")

        self.authorized_row.addWidget(self.carrier__authorized_name)

        self.help_carrier__authorized_name = QToolButton(AccountPage)
        self.help_carrier__authorized_name.setObjectName(u"help_carrier__authorized_name")

        self.authorized_row.addWidget(self.help_carrier__authorized_name)


        self.form.setLayout(3, QFormLayout.ItemRole.FieldRole, self.authorized_row)

        self.carrier__authorized_email_label = QLabel(AccountPage)
        self.carrier__authorized_email_label.setObjectName(u"carrier__authorized_email_label")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.carrier__authorized_email_label)

        self.authorized_email_row = QHBoxLayout()
        self.authorized_email_row.setObjectName(u"authorized_email_row")
        self.authorized_email_row.setContentsMargins(0, 0, 0, 0)
        self.carrier__authorized_email = QLineEdit(AccountPage)
        self.carrier__authorized_email.setObjectName(u"carrier__authorized_email")

        self.authorized_email_row.addWidget(self.carrier__authorized_email)

        self.help_carrier__authorized_email = QToolButton(AccountPage)
        self.help_carrier__authorized_email.setObjectName(u"help_carrier__authorized_email")

        self.authorized_email_row.addWidget(self.help_carrier__authorized_email)


        self.form.setLayout(4, QFormLayout.ItemRole.FieldRole, self.authorized_email_row)

        self.carrier__account_number_label = QLabel(AccountPage)
        self.carrier__account_number_label.setObjectName(u"carrier__account_number_label")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.carrier__account_number_label)

        self.account_row = QHBoxLayout()
        self.account_row.setObjectName(u"account_row")
        self.account_row.setContentsMargins(0, 0, 0, 0)
        self.carrier__account_number = QLineEdit(AccountPage)
        self.carrier__account_number.setObjectName(u"carrier__account_number")

        self.account_row.addWidget(self.carrier__account_number)

        self.help_carrier__account_number = QToolButton(AccountPage)
        self.help_carrier__account_number.setObjectName(u"help_carrier__account_number")

        self.account_row.addWidget(self.help_carrier__account_number)


        self.form.setLayout(5, QFormLayout.ItemRole.FieldRole, self.account_row)

        self.carrier__btn_label = QLabel(AccountPage)
        self.carrier__btn_label.setObjectName(u"carrier__btn_label")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.carrier__btn_label)

        self.btn_row = QHBoxLayout()
        self.btn_row.setObjectName(u"btn_row")
        self.btn_row.setContentsMargins(0, 0, 0, 0)
        self.carrier__btn = QLineEdit(AccountPage)
        self.carrier__btn.setObjectName(u"carrier__btn")

        self.btn_row.addWidget(self.carrier__btn)

        self.help_carrier__btn = QToolButton(AccountPage)
        self.help_carrier__btn.setObjectName(u"help_carrier__btn")

        self.btn_row.addWidget(self.help_carrier__btn)


        self.form.setLayout(6, QFormLayout.ItemRole.FieldRole, self.btn_row)

        self.carrier__pin_label = QLabel(AccountPage)
        self.carrier__pin_label.setObjectName(u"carrier__pin_label")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.carrier__pin_label)

        self.pin_row = QHBoxLayout()
        self.pin_row.setObjectName(u"pin_row")
        self.pin_row.setContentsMargins(0, 0, 0, 0)
        self.carrier__pin = QLineEdit(AccountPage)
        self.carrier__pin.setObjectName(u"carrier__pin")
        self.carrier__pin.setEchoMode(QLineEdit.EchoMode.Password)

        self.pin_row.addWidget(self.carrier__pin)

        self.show_pin = QToolButton(AccountPage)
        self.show_pin.setObjectName(u"show_pin")
        self.show_pin.setCheckable(True)

        self.pin_row.addWidget(self.show_pin)

        self.help_carrier__pin = QToolButton(AccountPage)
        self.help_carrier__pin.setObjectName(u"help_carrier__pin")

        self.pin_row.addWidget(self.help_carrier__pin)


        self.form.setLayout(7, QFormLayout.ItemRole.FieldRole, self.pin_row)

        self.partial_box = QGroupBox(AccountPage)
        self.partial_box.setObjectName(u"partial_box")
        self.partial_form = QFormLayout(self.partial_box)
        self.partial_form.setObjectName(u"partial_form")
        self.partial_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.partial_port__remaining_numbers_label = QLabel(self.partial_box)
        self.partial_port__remaining_numbers_label.setObjectName(u"partial_port__remaining_numbers_label")

        self.partial_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.partial_port__remaining_numbers_label)

        self.remaining_row = QHBoxLayout()
        self.remaining_row.setObjectName(u"remaining_row")
        self.remaining_row.setContentsMargins(0, 0, 0, 0)
        self.partial_port__remaining_numbers = QComboBox(self.partial_box)
        self.partial_port__remaining_numbers.setObjectName(u"partial_port__remaining_numbers")

        self.remaining_row.addWidget(self.partial_port__remaining_numbers)

        self.help_partial_port__remaining_numbers = QToolButton(self.partial_box)
        self.help_partial_port__remaining_numbers.setObjectName(u"help_partial_port__remaining_numbers")

        self.remaining_row.addWidget(self.help_partial_port__remaining_numbers)

        self.remaining_row_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.remaining_row.addItem(self.remaining_row_spacer)


        self.partial_form.setLayout(0, QFormLayout.ItemRole.FieldRole, self.remaining_row)

        self.partial_port__new_btn_label = QLabel(self.partial_box)
        self.partial_port__new_btn_label.setObjectName(u"partial_port__new_btn_label")

        self.partial_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.partial_port__new_btn_label)

        self.new_btn_row = QHBoxLayout()
        self.new_btn_row.setObjectName(u"new_btn_row")
        self.new_btn_row.setContentsMargins(0, 0, 0, 0)
        self.partial_port__new_btn = QLineEdit(self.partial_box)
        self.partial_port__new_btn.setObjectName(u"partial_port__new_btn")

        self.new_btn_row.addWidget(self.partial_port__new_btn)

        self.help_partial_port__new_btn = QToolButton(self.partial_box)
        self.help_partial_port__new_btn.setObjectName(u"help_partial_port__new_btn")

        self.new_btn_row.addWidget(self.help_partial_port__new_btn)


        self.partial_form.setLayout(1, QFormLayout.ItemRole.FieldRole, self.new_btn_row)


        self.form.setWidget(8, QFormLayout.ItemRole.SpanningRole, self.partial_box)


        self.page_layout.addLayout(self.form)

        self.bottom_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.page_layout.addItem(self.bottom_spacer)

#if QT_CONFIG(shortcut)
        self.carrier__number_type_label.setBuddy(self.carrier__number_type)
        self.carrier__customer_name_label.setBuddy(self.carrier__customer_name)
        self.carrier__authorized_name_label.setBuddy(self.carrier__authorized_name)
        self.carrier__authorized_email_label.setBuddy(self.carrier__authorized_email)
        self.carrier__account_number_label.setBuddy(self.carrier__account_number)
        self.carrier__btn_label.setBuddy(self.carrier__btn)
        self.carrier__pin_label.setBuddy(self.carrier__pin)
        self.partial_port__remaining_numbers_label.setBuddy(self.partial_port__remaining_numbers)
        self.partial_port__new_btn_label.setBuddy(self.partial_port__new_btn)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.account_single, self.account_multi)
        QWidget.setTabOrder(self.account_multi, self.help_carrier__account_type)
        QWidget.setTabOrder(self.help_carrier__account_type, self.carrier__number_type)
        QWidget.setTabOrder(self.carrier__number_type, self.help_carrier__number_type)
        QWidget.setTabOrder(self.help_carrier__number_type, self.carrier__customer_name)
        QWidget.setTabOrder(self.carrier__customer_name, self.help_carrier__customer_name)
        QWidget.setTabOrder(self.help_carrier__customer_name, self.carrier__authorized_name)
        QWidget.setTabOrder(self.carrier__authorized_name, self.help_carrier__authorized_name)
        QWidget.setTabOrder(self.help_carrier__authorized_name, self.carrier__authorized_email)
        QWidget.setTabOrder(self.carrier__authorized_email, self.help_carrier__authorized_email)
        QWidget.setTabOrder(self.help_carrier__authorized_email, self.carrier__account_number)
        QWidget.setTabOrder(self.carrier__account_number, self.help_carrier__account_number)
        QWidget.setTabOrder(self.help_carrier__account_number, self.carrier__btn)
        QWidget.setTabOrder(self.carrier__btn, self.help_carrier__btn)
        QWidget.setTabOrder(self.help_carrier__btn, self.carrier__pin)
        QWidget.setTabOrder(self.carrier__pin, self.show_pin)
        QWidget.setTabOrder(self.show_pin, self.help_carrier__pin)
        QWidget.setTabOrder(self.help_carrier__pin, self.partial_port__remaining_numbers)
        QWidget.setTabOrder(self.partial_port__remaining_numbers, self.help_partial_port__remaining_numbers)
        QWidget.setTabOrder(self.help_partial_port__remaining_numbers, self.partial_port__new_btn)
        QWidget.setTabOrder(self.partial_port__new_btn, self.help_partial_port__new_btn)

        self.retranslateUi(AccountPage)

        QMetaObject.connectSlotsByName(AccountPage)
    # setupUi

    def retranslateUi(self, AccountPage):
        self.intro.setText(QCoreApplication.translate("AccountPage", u"Copy these details exactly as they appear on your current phone bill.", None))
        self.account_type_label.setText(QCoreApplication.translate("AccountPage", u"Account type:", None))
#if QT_CONFIG(accessibility)
        self.carrier__account_type.setAccessibleName(QCoreApplication.translate("AccountPage", u"Account type", None))
#endif // QT_CONFIG(accessibility)
        self.account_single.setText(QCoreApplication.translate("AccountPage", u"&Single line (only these numbers)", None))
#if QT_CONFIG(accessibility)
        self.account_single.setAccessibleName(QCoreApplication.translate("AccountPage", u"Single line", None))
#endif // QT_CONFIG(accessibility)
        self.account_multi.setText(QCoreApplication.translate("AccountPage", u"&Multi-line (other numbers too)", None))
#if QT_CONFIG(accessibility)
        self.account_multi.setAccessibleName(QCoreApplication.translate("AccountPage", u"Multi-line", None))
#endif // QT_CONFIG(accessibility)
        self.help_carrier__account_type.setText(QCoreApplication.translate("AccountPage", u"?", None))
#if QT_CONFIG(accessibility)
        self.help_carrier__account_type.setAccessibleName(QCoreApplication.translate("AccountPage", u"Where do I find the account type?", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.help_carrier__account_type.setToolTip(QCoreApplication.translate("AccountPage", u"Where do I find the account type?", None))
#endif // QT_CONFIG(tooltip)
        self.carrier__number_type_label.setText(QCoreApplication.translate("AccountPage", u"Number &type:", None))
#if QT_CONFIG(accessibility)
        self.carrier__number_type.setAccessibleName(QCoreApplication.translate("AccountPage", u"Number type", None))
#endif // QT_CONFIG(accessibility)
        self.help_carrier__number_type.setText(QCoreApplication.translate("AccountPage", u"?", None))
#if QT_CONFIG(accessibility)
        self.help_carrier__number_type.setAccessibleName(QCoreApplication.translate("AccountPage", u"Where do I find the number type?", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.help_carrier__number_type.setToolTip(QCoreApplication.translate("AccountPage", u"Where do I find the number type?", None))
#endif // QT_CONFIG(tooltip)
        self.carrier__customer_name_label.setText(QCoreApplication.translate("AccountPage", u"Name on the bi&ll:", None))
#if QT_CONFIG(accessibility)
        self.carrier__customer_name.setAccessibleName(QCoreApplication.translate("AccountPage", u"Business or customer name on the bill", None))
#endif // QT_CONFIG(accessibility)
        self.help_carrier__customer_name.setText(QCoreApplication.translate("AccountPage", u"?", None))
#if QT_CONFIG(accessibility)
        self.help_carrier__customer_name.setAccessibleName(QCoreApplication.translate("AccountPage", u"Where do I find the name on the bill?", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.help_carrier__customer_name.setToolTip(QCoreApplication.translate("AccountPage", u"Where do I find the name on the bill?", None))
#endif // QT_CONFIG(tooltip)
        self.carrier__authorized_name_label.setText(QCoreApplication.translate("AccountPage", u"A&uthorized person:", None))
#if QT_CONFIG(accessibility)
        self.carrier__authorized_name.setAccessibleName(QCoreApplication.translate("AccountPage", u"Authorized person", None))
#endif // QT_CONFIG(accessibility)
        self.help_carrier__authorized_name.setText(QCoreApplication.translate("AccountPage", u"?", None))
#if QT_CONFIG(accessibility)
        self.help_carrier__authorized_name.setAccessibleName(QCoreApplication.translate("AccountPage", u"Where do I find the authorized person?", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.help_carrier__authorized_name.setToolTip(QCoreApplication.translate("AccountPage", u"Where do I find the authorized person?", None))
#endif // QT_CONFIG(tooltip)
        self.carrier__authorized_email_label.setText(QCoreApplication.translate("AccountPage", u"Si&gner's e-mail:", None))
#if QT_CONFIG(accessibility)
        self.carrier__authorized_email.setAccessibleName(QCoreApplication.translate("AccountPage", u"Authorized person's e-mail address", None))
#endif // QT_CONFIG(accessibility)
        self.carrier__authorized_email.setPlaceholderText(QCoreApplication.translate("AccountPage", u"name@example.com: the signing request is sent here", None))
        self.help_carrier__authorized_email.setText(QCoreApplication.translate("AccountPage", u"?", None))
#if QT_CONFIG(accessibility)
        self.help_carrier__authorized_email.setAccessibleName(QCoreApplication.translate("AccountPage", u"Why is the signer's e-mail needed?", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.help_carrier__authorized_email.setToolTip(QCoreApplication.translate("AccountPage", u"Why is the signer's e-mail needed?", None))
#endif // QT_CONFIG(tooltip)
        self.carrier__account_number_label.setText(QCoreApplication.translate("AccountPage", u"&Account number:", None))
#if QT_CONFIG(accessibility)
        self.carrier__account_number.setAccessibleName(QCoreApplication.translate("AccountPage", u"Account number", None))
#endif // QT_CONFIG(accessibility)
        self.help_carrier__account_number.setText(QCoreApplication.translate("AccountPage", u"?", None))
#if QT_CONFIG(accessibility)
        self.help_carrier__account_number.setAccessibleName(QCoreApplication.translate("AccountPage", u"Where do I find the account number?", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.help_carrier__account_number.setToolTip(QCoreApplication.translate("AccountPage", u"Where do I find the account number?", None))
#endif // QT_CONFIG(tooltip)
        self.carrier__btn_label.setText(QCoreApplication.translate("AccountPage", u"Billing tele&phone number:", None))
#if QT_CONFIG(accessibility)
        self.carrier__btn.setAccessibleName(QCoreApplication.translate("AccountPage", u"Billing telephone number (BTN)", None))
#endif // QT_CONFIG(accessibility)
        self.carrier__btn.setPlaceholderText(QCoreApplication.translate("AccountPage", u"(212) 555-0100", None))
        self.help_carrier__btn.setText(QCoreApplication.translate("AccountPage", u"?", None))
#if QT_CONFIG(accessibility)
        self.help_carrier__btn.setAccessibleName(QCoreApplication.translate("AccountPage", u"Where do I find the billing telephone number?", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.help_carrier__btn.setToolTip(QCoreApplication.translate("AccountPage", u"Where do I find the billing telephone number?", None))
#endif // QT_CONFIG(tooltip)
        self.carrier__pin_label.setText(QCoreApplication.translate("AccountPage", u"P&IN / passcode:", None))
#if QT_CONFIG(accessibility)
        self.carrier__pin.setAccessibleName(QCoreApplication.translate("AccountPage", u"PIN or passcode", None))
#endif // QT_CONFIG(accessibility)
        self.carrier__pin.setPlaceholderText(QCoreApplication.translate("AccountPage", u"0000 if you never set one", None))
        self.show_pin.setText(QCoreApplication.translate("AccountPage", u"Show", None))
#if QT_CONFIG(accessibility)
        self.show_pin.setAccessibleName(QCoreApplication.translate("AccountPage", u"Show the PIN", None))
#endif // QT_CONFIG(accessibility)
        self.help_carrier__pin.setText(QCoreApplication.translate("AccountPage", u"?", None))
#if QT_CONFIG(accessibility)
        self.help_carrier__pin.setAccessibleName(QCoreApplication.translate("AccountPage", u"Where do I find the PIN?", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.help_carrier__pin.setToolTip(QCoreApplication.translate("AccountPage", u"Where do I find the PIN?", None))
#endif // QT_CONFIG(tooltip)
        self.partial_box.setTitle(QCoreApplication.translate("AccountPage", u"Not all numbers on this account are moving", None))
        self.partial_port__remaining_numbers_label.setText(QCoreApplication.translate("AccountPage", u"The &other numbers should:", None))
#if QT_CONFIG(accessibility)
        self.partial_port__remaining_numbers.setAccessibleName(QCoreApplication.translate("AccountPage", u"What happens to the numbers that stay", None))
#endif // QT_CONFIG(accessibility)
        self.help_partial_port__remaining_numbers.setText(QCoreApplication.translate("AccountPage", u"?", None))
#if QT_CONFIG(accessibility)
        self.help_partial_port__remaining_numbers.setAccessibleName(QCoreApplication.translate("AccountPage", u"Where do I find the answer?", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.help_partial_port__remaining_numbers.setToolTip(QCoreApplication.translate("AccountPage", u"Where do I find the answer?", None))
#endif // QT_CONFIG(tooltip)
        self.partial_port__new_btn_label.setText(QCoreApplication.translate("AccountPage", u"N&ew billing number:", None))
#if QT_CONFIG(accessibility)
        self.partial_port__new_btn.setAccessibleName(QCoreApplication.translate("AccountPage", u"New billing telephone number", None))
#endif // QT_CONFIG(accessibility)
        self.partial_port__new_btn.setPlaceholderText(QCoreApplication.translate("AccountPage", u"(212) 555-0101", None))
        self.help_partial_port__new_btn.setText(QCoreApplication.translate("AccountPage", u"?", None))
#if QT_CONFIG(accessibility)
        self.help_partial_port__new_btn.setAccessibleName(QCoreApplication.translate("AccountPage", u"Where do I find the new billing number?", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.help_partial_port__new_btn.setToolTip(QCoreApplication.translate("AccountPage", u"Where do I find the new billing number?", None))
#endif // QT_CONFIG(tooltip)
        pass
    # retranslateUi

